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

  it('keeps its data across a restart', async () => {
    expect(await server.stop()).toBe(0);
    server = await startServer({ DATA_DIR: dir, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret }, 'all-in-one', 120_000);
    const token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
    const res = await fetch(`${server.url}/v1/production-orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }, 150_000);
});
