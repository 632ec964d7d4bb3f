import { Client } from 'pg';
import { ADMIN_CLIENT, createTestDatabase, eventually, fetchToken, productionOrderBody, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/**
 * On the built server: every write is audited exactly once, successful ones inside the transaction
 * that commits them, failed ones too; the chain verifies; GET /v1/audit filters.
 */
let db: TestDatabase;
let server: ServerProcess;
let pg: Client;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, AUDIT_SEAL_INTERVAL_MS: '100' });
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
});

afterAll(async () => {
  await pg?.end();
  await server?.stop();
  await db?.drop();
});

const entries = async (requestId: string) =>
  (
    await pg.query(
      `SELECT action, resource, outcome, status FROM audit_log WHERE request_id = $1
       UNION ALL SELECT action, resource, outcome, status FROM audit_pending WHERE request_id = $1`,
      [requestId],
    )
  ).rows as { action: string; resource: string; outcome: string; status: number }[];

function post(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('audited writes', () => {
  it('a create is audited once with client, action, resource, outcome and request id', async () => {
    const res = await post('/v1/production-orders', productionOrderBody(), { 'idempotency-key': crypto.randomUUID(), 'x-request-id': 'audit-create-1' });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const list = await entries('audit-create-1');
    expect(list).toEqual([{ action: 'production-order.create', resource: `production-orders/${id}`, outcome: 'success', status: 201 }]);
  });

  it('a replay is not a new write; a failed write is audited as an error', async () => {
    const key = crypto.randomUUID();
    const body = productionOrderBody();
    await post('/v1/production-orders', body, { 'idempotency-key': key, 'x-request-id': 'audit-first' });
    await post('/v1/production-orders', body, { 'idempotency-key': key, 'x-request-id': 'audit-replay' });
    expect(await entries('audit-replay')).toEqual([]);
    await post('/v1/production-orders', { ...body, orderNumber: 'X' }, { 'x-request-id': 'audit-nokey' });
    expect(await entries('audit-nokey')).toMatchObject([{ outcome: 'error', status: 400 }]);
    await post('/v1/production-orders', body, { 'idempotency-key': crypto.randomUUID(), 'x-request-id': 'audit-dup' });
    expect(await entries('audit-dup')).toMatchObject([{ action: 'production-order.create', outcome: 'error', status: 409 }]);
  });

  it('seals the chain; GET /v1/audit filters; the chain verifies', async () => {
    expect(await eventually(async () => (await pg.query(`SELECT count(*)::int AS n FROM audit_pending`)).rows[0].n === 0, 10_000)).toBe(true);
    const res = await fetch(`${server.url}/v1/audit?action=production-order.create&outcome=error`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { action: string; outcome: string }[] };
    expect(page.items.length).toBeGreaterThanOrEqual(1);
    expect(page.items.every((e) => e.action === 'production-order.create' && e.outcome === 'error')).toBe(true);
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(rows[0].n).toBeGreaterThanOrEqual(4);
  });
});
