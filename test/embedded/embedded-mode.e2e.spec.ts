import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_CLIENT, eventually, fetchToken, productionOrderBody, ServerProcess, startServer } from '@mw/testing';

/**
 * `npm start` with nothing installed: no DATABASE_URL (PGlite in DATA_DIR, same migrations), no
 * KAFKA_BROKERS (in-process delivery with the same inbox). Orders, idempotent replay, the MES
 * projection and enriched records all work, and the data survives a restart.
 */
let dir: string;
let server: ServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mw-embedded-'));
  server = await startServer({ DATA_DIR: dir, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret }, 'all-in-one', 120_000);
}, 150_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded single-machine mode', () => {
  let orderId: string;

  it('creates, replays, and projects an order without PostgreSQL or Kafka installed', async () => {
    const token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
    const body = JSON.stringify(productionOrderBody());
    const post = () =>
      fetch(`${server.url}/v1/production-orders`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'embedded-1' }, body });
    const first = await post();
    expect(first.status).toBe(201);
    const firstBytes = await first.text();
    orderId = (JSON.parse(firstBytes) as { id: string }).id;
    const again = await post();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBytes);
    const ready = (await (await fetch(`${server.url}/health/ready`)).json()) as { checks: { database: { kind: string }; relay: { transport: string } } };
    expect(ready.checks.database.kind).toBe('pglite');
    expect(ready.checks.relay.transport).toBe('in-process');
    const built = await eventually(async () => (await fetch(`${server.url}/v1/enriched-records/${orderId}`, { headers: { authorization: `Bearer ${token}` } })).status === 200, 30_000);
    expect(built).toBe(true);
  });

  it('stores, reviews and re-links a document on the one embedded connection', async () => {
    const token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const order = (await (await call('GET', `/v1/production-orders/${orderId}`)).json()) as { orderNumber: string };
    const text = `Order ${order.orderNumber}: 2 pcs dented on the cover, severity minor, rework.`;
    const created = await call('POST', '/v1/inspection-reports', { text, plant: 'P100' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    // A review writes, re-links, enqueues and reads back in one transaction: on PGlite a second connection would wait forever.
    const reviewed = await call('POST', `/v1/inspection-reports/${id}/review`, { fields: [{ name: 'order_number', ...at(order.orderNumber) }, { name: 'quantity', ...at('2 pcs') }] }, { 'if-match': '"0"' });
    expect(reviewed.status).toBe(200);
    const doc = (await reviewed.json()) as { links: { orderId: string }[]; review: { status: string; revision: number } };
    expect(doc.review).toMatchObject({ status: 'reviewed', revision: 1 });
    expect(doc.links.map((l) => l.orderId)).toEqual([orderId]);
    const listed = (await (await call('GET', `/v1/production-orders/${orderId}/inspections`)).json()) as { items: { id: string; review: { revision: number } }[] };
    expect(listed.items.map((i) => [i.id, i.review.revision])).toEqual([[id, 1]]);
  });

  it('keeps its data across a restart', async () => {
    expect(await server.stop()).toBe(0);
    server = await startServer({ DATA_DIR: dir, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret }, 'all-in-one', 120_000);
    const token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
    const res = await fetch(`${server.url}/v1/production-orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }, 150_000);
});
