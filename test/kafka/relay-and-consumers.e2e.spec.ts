import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  ADMIN_CLIENT,
  createTestDatabase,
  eventually,
  fetchToken,
  KAFKA_BROKER,
  productionOrderBody,
  readTopic,
  ServerProcess,
  serverEnv,
  startServer,
  TestDatabase,
  uniqueTopicPrefix,
} from '@mw/testing';

/**
 * The outbox -> relay -> Kafka -> consumer path on a real broker and real PostgreSQL: envelope and
 * ordering as an outside consumer sees them, duplicate publishes absorbed by the inbox, a poison
 * event dead-lettered while its partition keeps flowing, and replay after the fix.
 */
const run = promisify(execFile);
let db: TestDatabase;
let server: ServerProcess;
let pg: Client;
let token: string;
const prefix = uniqueTopicPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({
    ...serverEnv(db.url, { broker: KAFKA_BROKER, prefix }),
    CONSUMER_MAX_ATTEMPTS: '3',
    CONSUMER_RETRY_BASE_MS: '50',
  });
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
}, 120_000);

afterAll(async () => {
  await pg?.end();
  await server?.stop();
  await db?.drop();
});

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function createOrder(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/v1/production-orders', productionOrderBody(overrides));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The projection equals the orders table for these ids: status, totals and version. */
async function projectionMatches(ids: string[]): Promise<boolean> {
  const { rows } = await pg.query(
    `SELECT count(*)::int AS n FROM production_orders o JOIN mes_order_status m ON m.order_id = o.id
      WHERE o.id = ANY($1::uuid[]) AND m.status = o.status AND m.yield_total = o.yield_total AND m.scrap_total = o.scrap_total AND m.order_version = o.version`,
    [ids],
  );
  return rows[0].n === ids.length;
}

describe('relay to Kafka and the MES projection', () => {
  const ids: string[] = [];

  it('relays every state change in order per order and the projection follows', async () => {
    for (let i = 0; i < 12; i++) ids.push(await createOrder());
    for (const id of ids.slice(0, 8)) {
      expect((await call('POST', `/v1/production-orders/${id}/release`)).status).toBe(200);
      expect((await call('POST', `/v1/production-orders/${id}/start`)).status).toBe(200);
      expect((await call('POST', `/v1/production-orders/${id}/confirmations`, { operation: 10, yield: 5, scrap: 1, scrapReason: 'SCR' })).status).toBe(201);
    }
    for (const id of ids.slice(0, 4)) expect((await call('POST', `/v1/production-orders/${id}/complete`)).status).toBe(200);
    expect(await eventually(() => projectionMatches(ids), 30_000)).toBe(true);

    const orderEvents = 12 + 8 * 2 + 4;
    const messages = await readTopic(`${prefix}erp.production-orders.v1`, (m) => m.length >= orderEvents);
    expect(messages.length).toBe(orderEvents);
    const byKey = new Map<string, number[]>();
    for (const m of messages) {
      expect(m.headers.ce_specversion).toBe('1.0');
      expect(m.headers.ce_type).toMatch(/^com\.millwright\.production-order\.[a-z-]+\.v1$/);
      expect(m.headers.ce_source).toBe('/millwright');
      expect(m.headers.ce_subject).toBe(`production-orders/${m.key}`);
      expect(Date.parse(m.headers.ce_time ?? '')).not.toBeNaN();
      const value = JSON.parse(m.value) as { schemaVersion: number; data: { order: { id: string; version: number } } };
      expect(value.schemaVersion).toBe(1);
      expect(value.data.order.id).toBe(m.key);
      // One order's events share one partition.
      const versions = byKey.get(m.key) ?? [];
      versions.push(value.data.order.version);
      byKey.set(m.key, versions);
    }
    const partitions = new Map<string, Set<number>>();
    for (const m of messages) partitions.set(m.key, (partitions.get(m.key) ?? new Set()).add(m.partition));
    for (const set of partitions.values()) expect(set.size).toBe(1);
    // Within a partition, Kafka order is publish order: versions of one order only ever increase.
    for (const versions of byKey.values()) expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const confirmations = await readTopic(`${prefix}mes.confirmations.v1`, (m) => m.length >= 8);
    expect(confirmations).toHaveLength(8);
    expect(new Set(confirmations.map((m) => m.headers.ce_type))).toEqual(new Set(['com.millwright.production-order.confirmation-recorded.v1']));
  });

  it('an outside consumer (kcat) sees key, CloudEvents headers and the JSON value', async () => {
    const { stdout } = await run('kcat', ['-b', KAFKA_BROKER, '-C', '-t', `${prefix}erp.production-orders.v1`, '-o', 'beginning', '-c', '1', '-e', '-J', '-q'], { timeout: 30_000 });
    const record = JSON.parse(stdout.trim().split('\n')[0] ?? '{}') as { key: string; payload: string; headers: string[] };
    expect(ids).toContain(record.key);
    const headers: Record<string, string> = {};
    for (let i = 0; i < record.headers.length; i += 2) headers[record.headers[i] ?? ''] = record.headers[i + 1] ?? '';
    expect(headers.ce_type).toBe('com.millwright.production-order.created.v1');
    expect(headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    const value = JSON.parse(record.payload) as { schemaVersion: number; data: { order: { id: string; status: string } } };
    expect(value).toMatchObject({ schemaVersion: 1, data: { order: { id: record.key, status: 'CREATED' } } });
  });

  it('a relay that dies between publish and mark-sent republishes; consumers apply each event once', async () => {
    const id = await createOrder();
    expect(await eventually(() => projectionMatches([id]))).toBe(true);
    // The state such a crash leaves behind: rows published but not marked sent.
    const { rowCount } = await pg.query(`UPDATE outbox SET sent_at = NULL WHERE message_key = $1 AND topic = 'erp.production-orders.v1'`, [id]);
    expect(rowCount).toBe(1);
    expect(await eventually(async () => (await pg.query(`SELECT 1 FROM outbox WHERE message_key = $1 AND sent_at IS NULL`, [id])).rowCount === 0)).toBe(true);
    const copies = await readTopic(`${prefix}erp.production-orders.v1`, (m) => m.filter((x) => x.key === id).length >= 2);
    const mine = copies.filter((m) => m.key === id);
    expect(mine).toHaveLength(2);
    expect(mine[0]?.headers.ce_id).toBe(mine[1]?.headers.ce_id);
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await pg.query(`SELECT events_applied FROM mes_order_status WHERE order_id = $1`, [id]);
    expect(rows[0].events_applied).toBe(1);
  });

  it('a poison event goes to the DLQ after the configured attempts, the partition keeps flowing, and replay after the fix applies it once', async () => {
    // A data fix waiting to happen: the read model refuses this order number.
    await pg.query(`ALTER TABLE mes_order_status ADD CONSTRAINT no_poison CHECK (order_number NOT LIKE 'POISON%')`);
    const poisonId = await createOrder({ orderNumber: `POISON-${Date.now()}` });
    const after = [await createOrder(), await createOrder(), await createOrder()];
    expect(await eventually(() => projectionMatches(after), 30_000)).toBe(true);

    const listed = await eventually(async () => {
      const res = await fetch(`${server.url}/v1/admin/dead-letters`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as { key: string }[]).some((d) => d.key === poisonId);
    });
    expect(listed).toBe(true);
    const letters = (await (await fetch(`${server.url}/v1/admin/dead-letters`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      id: string;
      key: string;
      attempts: number;
      consumer: string;
      error: string;
      offset: string;
    }[];
    const letter = letters.find((d) => d.key === poisonId)!;
    expect(letter).toMatchObject({ consumer: 'mes-projection', attempts: 3 });
    expect(letter.error).toContain('no_poison');

    const dlq = await readTopic(`${prefix}erp.production-orders.v1.dlq`, (m) => m.some((x) => x.key === poisonId));
    const dead = dlq.find((m) => m.key === poisonId)!;
    expect(dead.headers.dlq_attempts).toBe('3');
    expect(dead.headers.dlq_consumer).toBe('mes-projection');
    expect(dead.headers.dlq_error).toContain('no_poison');
    expect(dead.headers.dlq_original_topic).toBe('erp.production-orders.v1');
    expect(dead.headers.dlq_original_offset).toBe(letter.offset);

    await pg.query(`ALTER TABLE mes_order_status DROP CONSTRAINT no_poison`);
    const replay = await call('POST', `/v1/admin/dead-letters/${letter.id}/replay`);
    expect(replay.status).toBe(200);
    expect(await eventually(() => projectionMatches([poisonId]))).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await pg.query(`SELECT events_applied FROM mes_order_status WHERE order_id = $1`, [poisonId]);
    expect(rows[0].events_applied).toBe(1);
    expect((await call('POST', `/v1/admin/dead-letters/${letter.id}/replay`)).status).toBe(409);
  });

  it('readiness reports the relay and broker', async () => {
    const ready = (await (await fetch(`${server.url}/health/ready`)).json()) as { checks: Record<string, Record<string, unknown>> };
    expect(ready.checks.relay).toMatchObject({ transport: 'kafka', broker: 'up' });
  });
});
