import { Client } from 'pg';
import {
  ADMIN_CLIENT,
  createTestDatabase,
  eventually,
  fetchToken,
  KAFKA_BROKER,
  kafkaScript,
  productionOrderBody,
  readTopic,
  ServerProcess,
  serverEnv,
  startServer,
  TestDatabase,
  uniqueTopicPrefix,
} from '@mw/testing';

/**
 * Crash tests on the real broker: they SIGKILL Kafka and the worker, so this folder runs on its own
 * (scripts/test.sh runs it after the rest, one file at a time).
 */
let db: TestDatabase;
let api: ServerProcess;
let worker: ServerProcess;
let pg: Client;
let token: string;
const prefix = uniqueTopicPrefix();

const env = () => serverEnv(db.url, { broker: KAFKA_BROKER, prefix });

beforeAll(async () => {
  await kafkaScript('start');
  db = await createTestDatabase();
  api = await startServer(env(), 'api');
  worker = await startServer(env(), 'worker');
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  token = await fetchToken(api.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
}, 180_000);

afterAll(async () => {
  await kafkaScript('start').catch(() => undefined);
  await pg?.end();
  await api?.stop();
  await worker?.stop();
  await db?.drop();
});

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Posts orders and walks some through their lifecycle for `ms`; returns the acknowledged order ids. */
async function load(ms: number): Promise<{ ids: string[]; events: number }> {
  const ids: string[] = [];
  let events = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const res = await call('POST', '/v1/production-orders', productionOrderBody());
    expect(res.status).toBe(201); // the API never depends on the broker
    const id = ((await res.json()) as { id: string }).id;
    ids.push(id);
    events++;
    if (ids.length % 2 === 0) {
      for (const action of ['release', 'start']) {
        expect((await call('POST', `/v1/production-orders/${id}/${action}`)).status).toBe(200);
        events++;
      }
    }
  }
  return { ids, events };
}

async function projectionEqualsDatabase(ids: string[]): Promise<boolean> {
  const { rows } = await pg.query(
    `SELECT count(*)::int AS n FROM production_orders o JOIN mes_order_status m ON m.order_id = o.id
      WHERE o.id = ANY($1::uuid[]) AND m.status = o.status AND m.order_version = o.version`,
    [ids],
  );
  return rows[0].n === ids.length;
}

/** What the pipeline looks like when a wait times out: the failure message says where it stuck. */
async function pipelineState(ids: string[]): Promise<string> {
  const { rows } = await pg.query(
    `SELECT (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS unsent,
            (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM inbox WHERE consumer = 'mes-projection') AS applied,
            (SELECT count(*)::int FROM mes_order_status WHERE order_id = ANY($1::uuid[])) AS projected`,
    [ids],
  );
  const ready = await fetch(`${worker.url}/health/ready`).then((r) => r.text()).catch((e: Error) => e.message);
  return `pipeline stuck: ${JSON.stringify(rows[0])} of ${ids.length} orders; worker ready: ${ready}\nworker output (tail):\n${worker.output().slice(-4000)}`;
}

async function eachEventAppliedOnce(): Promise<void> {
  // Every event in the outbox was applied by the projection exactly once: the inbox holds each id
  // once (primary key) and the read model counted one application per distinct event.
  const { rows } = await pg.query(
    `SELECT (SELECT count(DISTINCT headers->>'ce_id')::int FROM outbox WHERE topic IN ('erp.production-orders.v1', 'mes.confirmations.v1')) AS events,
            (SELECT count(*)::int FROM inbox WHERE consumer = 'mes-projection') AS applied,
            (SELECT coalesce(sum(events_applied), 0)::int FROM mes_order_status) AS counted`,
  );
  expect(rows[0].applied).toBe(rows[0].events);
  expect(rows[0].counted).toBe(rows[0].events);
}

describe('crashes lose nothing and apply nothing twice', () => {
  it('broker SIGKILLed while orders are posted: every acknowledged event arrives, in order per order', async () => {
    const before = await load(1500);
    await kafkaScript('kill');
    const during = await load(4000);
    const ready = (await (await fetch(`${worker.url}/health/ready`)).json()) as { status: string; checks: { relay: { status: string; pending: number } } };
    expect(ready.checks.relay.status).toBe('degraded');
    expect(ready.checks.relay.pending).toBeGreaterThan(0);
    await kafkaScript('start');
    const ids = [...before.ids, ...during.ids];
    const caughtUp = await eventually(() => projectionEqualsDatabase(ids), 90_000, 500);
    if (!caughtUp) throw new Error(await pipelineState(ids));
    const total = before.events + during.events;
    const messages = await readTopic(`${prefix}erp.production-orders.v1`, (m) => new Set(m.map((x) => x.headers.ce_id)).size >= total, 60_000);
    expect(new Set(messages.map((m) => m.headers.ce_id)).size).toBe(total);
    const versions = new Map<string, number[]>();
    for (const m of messages) {
      const v = (JSON.parse(m.value) as { data: { order: { version: number } } }).data.order.version;
      versions.set(m.key, [...(versions.get(m.key) ?? []), v]);
    }
    for (const [, list] of versions) {
      const firstSeen = list.filter((v, i) => list.indexOf(v) === i);
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    }
    await eachEventAppliedOnce();
  }, 240_000);

  it('worker SIGKILLed mid-batch: after restart nothing is lost and nothing applied twice', async () => {
    const first = await load(1000);
    const more = load(3000);
    await new Promise((r) => setTimeout(r, 800));
    await worker.kill();
    const second = await more;
    worker = await startServer(env(), 'worker');
    const ids = [...first.ids, ...second.ids];
    const caughtUp = await eventually(() => projectionEqualsDatabase(ids), 90_000, 500);
    if (!caughtUp) throw new Error(await pipelineState(ids));
    await eachEventAppliedOnce();
    // Consumers write outbox rows of their own (records.enriched.v1): the outbox drains fully, too.
    const drained = await eventually(async () => (await pg.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n === 0, 60_000, 500);
    expect(drained).toBe(true);
  }, 240_000);

  it('worker stops gracefully on SIGTERM within the grace period and exits 0', async () => {
    const code = await worker.stop('SIGTERM');
    expect(code).toBe(0);
    worker = await startServer(env(), 'worker');
  }, 120_000);
});
