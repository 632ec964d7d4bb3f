import { AuditEntryDto, AuditSealer, changeDigest, verifyAuditChain } from '@mw/audit';
import { Db } from '@mw/database';
import { ADMIN_CLIENT, createClient, createTestDatabase, fetchToken, productionOrderBody, TestDatabase } from '@mw/testing';
import { AuditedApi, startAuditedApi } from './audited-api';

/**
 * GET /v1/audit and the writes interceptor over real HTTP and real PostgreSQL, with the API wired
 * the way docs/audit.md describes.
 */
let tdb: TestDatabase;
let api: AuditedApi;
let admin: string;
let plant200: string;
let reader: string;

beforeAll(async () => {
  tdb = await createTestDatabase('mw_audit_e2e');
  api = await startAuditedApi({ DATABASE_URL: tdb.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, AUDIT_ANCHOR_INTERVAL_MS: '0', AUDIT_SEAL_INTERVAL_MS: '0' });
  admin = await fetchToken(api.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const p200 = await createClient(api.url, admin, { name: 'plant-200', scopes: ['orders:read', 'orders:write'], plants: ['P200'] });
  plant200 = await fetchToken(api.url, p200.client_id, p200.client_secret);
  const r = await createClient(api.url, admin, { name: 'auditor', scopes: ['audit:read'], plants: [] });
  reader = await fetchToken(api.url, r.client_id, r.client_secret);
});

afterAll(async () => {
  await api?.close();
  await tdb?.drop();
});

function post(path: string, body: unknown, key: string, bearer = admin): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

/** Seals first: the background sealer is off in this test so what is visible is deterministic. */
async function audit(query: Record<string, string>, bearer = reader): Promise<{ status: number; body: { items: AuditEntryDto[]; nextCursor: string | null } }> {
  await api.app.get(AuditSealer).sealNow(true);
  const res = await fetch(`${api.url}/v1/audit?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: (await res.json()) as { items: AuditEntryDto[]; nextCursor: string | null } };
}

describe('auditing writes', () => {
  let orderId: string;
  let body: Record<string, unknown>;
  let requestId: string;
  const key = crypto.randomUUID();

  beforeAll(async () => {
    body = productionOrderBody();
    const res = await post('/v1/production-orders', body, key);
    expect(res.status).toBe(201);
    orderId = ((await res.json()) as { id: string }).id;
    requestId = res.headers.get('x-request-id')!;
  });

  it('records a created order with client, resource, request id and a digest of the body', async () => {
    const { status, body: page } = await audit({ action: 'production-order.create', resource: `production-orders/${orderId}` });
    expect(status).toBe(200);
    expect(page.items).toHaveLength(1);
    const entry = page.items[0]!;
    expect(entry).toMatchObject({ client: ADMIN_CLIENT.id, outcome: 'success', status: 201, requestId });
    expect(entry.digest).toBe(changeDigest(entry.id, body));
    expect(JSON.stringify(entry)).not.toContain(String(body.orderNumber));
  });

  it('does not record an idempotent replay as a second write', async () => {
    const again = await post('/v1/production-orders', body, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await audit({ resource: `production-orders/${orderId}` })).body.items).toHaveLength(1);
  });

  it('records failures and denials with their status', async () => {
    expect((await post('/v1/production-orders', body, crypto.randomUUID())).status).toBe(409);
    expect((await post('/v1/production-orders', productionOrderBody({ plant: 'P100' }), crypto.randomUUID(), plant200)).status).toBe(403);
    const failed = await audit({ action: 'production-order.create', outcome: 'error' });
    expect(failed.body.items.map((e) => e.status)).toEqual([409]);
    expect(failed.body.items[0]?.resource).toBe('production-orders');
    const denied = await audit({ outcome: 'denied' });
    expect(denied.body.items).toHaveLength(1);
    expect(denied.body.items[0]).toMatchObject({ action: 'production-order.create', status: 403 });
    expect(denied.body.items[0]?.client).not.toBe(ADMIN_CLIENT.id);
  });

  it('sits outside the idempotency interceptor: a write it refuses is still recorded', async () => {
    const res = await fetch(`${api.url}/v1/production-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'x-request-id': 'no-key-probe' },
      body: JSON.stringify(productionOrderBody()),
    });
    expect(res.status).toBe(400);
    const all = (await audit({ action: 'production-order.create', outcome: 'error', limit: '500' })).body.items;
    expect(all.find((e) => e.requestId === 'no-key-probe')).toMatchObject({ status: 400, resource: 'production-orders' });
  });

  it('names state transitions after their verb and the order they act on', async () => {
    expect((await post(`/v1/production-orders/${orderId}/release`, {}, crypto.randomUUID())).status).toBe(200);
    const { body: page } = await audit({ resource: `production-orders/${orderId}`, action: 'production-order.release' });
    expect(page.items).toMatchObject([{ outcome: 'success', status: 200 }]);
  });

  it('keeps the chain intact', async () => {
    expect(await verifyAuditChain(api.app.get(Db))).toMatchObject({ ok: true });
  });
});

describe('GET /v1/audit', () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) expect((await post('/v1/production-orders', productionOrderBody({ plant: 'P200' }), crypto.randomUUID(), plant200)).status).toBe(201);
  });

  it('pages in chain order with nextCursor', async () => {
    const all = (await audit({ limit: '500' })).body.items;
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const q: Record<string, string> = { limit: '2', ...(after ? { after } : {}) };
      const page = (await audit(q)).body;
      seen.push(...page.items.map((e) => e.seq));
      after = page.nextCursor;
    } while (after !== null);
    expect(seen).toEqual(all.map((e) => e.seq));
  });

  it('filters by client, resource prefix and time', async () => {
    const all = (await audit({ limit: '500' })).body.items;
    const p200Client = all.find((e) => e.status === 403)!.client;
    const mine = (await audit({ client: p200Client })).body.items;
    expect(mine.length).toBe(4);
    expect(mine.every((e) => e.client === p200Client)).toBe(true);
    expect((await audit({ resource: 'admin/*' })).body.items.every((e) => e.resource.startsWith('admin/'))).toBe(true);
    const mid = all[Math.floor(all.length / 2)]!;
    const later = (await audit({ from: mid.at, limit: '500' })).body.items;
    expect(later.every((e) => e.at >= mid.at)).toBe(true);
    const earlier = (await audit({ to: mid.at, limit: '500' })).body.items;
    expect(earlier.every((e) => e.at < mid.at)).toBe(true);
    expect(later.length + earlier.length).toBe(all.length);
  });

  it('requires the audit:read scope', async () => {
    expect((await audit({}, plant200)).status).toBe(403);
  });

  it.each([
    [{ outcome: 'maybe' }],
    [{ after: 'abc' }],
    [{ from: '2026-01-01' }],
    [{ limit: '0' }],
    [{ unknown: 'x' }],
  ])('rejects a bad query %j', async (query) => {
    expect((await audit(query as Record<string, string>)).status).toBe(400);
  });
});
