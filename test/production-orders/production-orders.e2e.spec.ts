import { Client } from 'pg';
import { createMillwrightClient, MillwrightClient } from '@mw/sdk';
import { ADMIN_CLIENT, createClient, createTestDatabase, fetchToken, productionOrderBody, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/**
 * The production orders API end to end: a real server process on real PostgreSQL, called through
 * the generated SDK where a client would, and through raw fetch where bytes and headers matter.
 */
let db: TestDatabase;
let server: ServerProcess;
let token: string;
let sdk: MillwrightClient;
let other: { client_id: string; client_secret: string };

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret });
  token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  sdk = createMillwrightClient({ baseUrl: server.url, clientId: ADMIN_CLIENT.id, clientSecret: ADMIN_CLIENT.secret });
  other = await createClient(server.url, token, { name: 'plant-200-mes', scopes: ['orders:read', 'orders:write', 'confirmations:write'], plants: ['P200'] });
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

function post(path: string, body: unknown, key: string | undefined, headers: Record<string, string> = {}, bearer = token): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function createOrder(overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number; orderNumber: string }> {
  const res = await post('/v1/production-orders', productionOrderBody(overrides), crypto.randomUUID());
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; version: number; orderNumber: string };
}

async function expectProblem(res: Response, status: number, type: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.type).toBe(`https://millwright.dev/problems/${type}`);
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  return body;
}

describe('create and idempotency', () => {
  it('creates an order through the SDK with Location and ETag', async () => {
    const body = productionOrderBody();
    const { data, response } = await sdk.POST('/v1/production-orders', { body: body as never });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/production-orders/${data?.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(data).toMatchObject({ orderNumber: body.orderNumber, plant: 'P100', status: 'CREATED', totals: { yield: 0, scrap: 0, confirmations: 0 }, version: 1 });
    const got = await sdk.GET('/v1/production-orders/{id}', { params: { path: { id: data!.id } } });
    expect(got.data).toEqual(data);
  });

  it('replays the stored response byte for byte with Idempotent-Replayed', async () => {
    const body = productionOrderBody();
    const key = `"${crypto.randomUUID()}"`; // structured-field string form
    const first = await post('/v1/production-orders', body, key);
    const firstBytes = await first.text();
    const again = await post('/v1/production-orders', body, key.slice(1, -1)); // bare token names the same key
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await again.text()).toBe(firstBytes);
    for (const h of ['location', 'etag', 'content-type']) expect(again.headers.get(h)).toBe(first.headers.get(h));
  });

  it('treats a reordered but equal JSON body as the same request', async () => {
    const body = productionOrderBody();
    const key = crypto.randomUUID();
    const first = await post('/v1/production-orders', body, key);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post('/v1/production-orders', reordered, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(await first.text());
  });

  it('answers 422 for the same key with a different payload, 400 without a key or with a bad one', async () => {
    const key = crypto.randomUUID();
    await post('/v1/production-orders', productionOrderBody(), key);
    await expectProblem(await post('/v1/production-orders', productionOrderBody(), key), 422, 'idempotency-key-reused');
    await expectProblem(await post('/v1/production-orders', productionOrderBody(), undefined), 400, 'idempotency-key-missing');
    await expectProblem(await post('/v1/production-orders', productionOrderBody(), 'x'.repeat(256)), 400, 'idempotency-key-invalid');
  });

  it('keys are scoped per client', async () => {
    const key = crypto.randomUUID();
    const otherToken = await fetchToken(server.url, other.client_id, other.client_secret);
    const a = await post('/v1/production-orders', productionOrderBody(), key);
    const b = await post('/v1/production-orders', productionOrderBody({ plant: 'P200' }), key, {}, otherToken);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a second order with the same number in the same plant under another key is 409', async () => {
    const body = productionOrderBody();
    expect((await post('/v1/production-orders', body, crypto.randomUUID())).status).toBe(201);
    const dup = await expectProblem(await post('/v1/production-orders', body, crypto.randomUUID()), 409, 'duplicate-order');
    expect(String(dup.detail)).toContain(String(body.orderNumber));
    // Same number in another plant is a different order.
    expect((await post('/v1/production-orders', { ...body, plant: 'P300' }, crypto.randomUUID())).status).toBe(201);
  });

  it('two concurrent identical POSTs create exactly one order', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      for (let round = 0; round < 5; round++) {
        const body = productionOrderBody();
        const key = crypto.randomUUID();
        const results = await Promise.all([post('/v1/production-orders', body, key), post('/v1/production-orders', body, key)]);
        const statuses = results.map((r) => r.status).sort();
        // One wins; the other either waited and replayed (201) or was told the first is in progress (409).
        expect(statuses[0]).toBe(201);
        expect([201, 409]).toContain(statuses[1]);
        const rows = await pg.query('SELECT count(*)::int AS n FROM production_orders WHERE order_number = $1', [body.orderNumber]);
        expect(rows.rows[0].n).toBe(1);
        const outbox = await pg.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->'data'->'order'->>'orderNumber' = $1`, [body.orderNumber]);
        expect(outbox.rows[0].n).toBe(1);
      }
    } finally {
      await pg.end();
    }
  });

  it('a crashed first attempt does not leave the key stuck: an expired lock is taken over', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const body = productionOrderBody();
      const key = crypto.randomUUID();
      // Simulate a process that claimed the key and died before committing anything.
      const { createHash } = await import('node:crypto');
      void createHash;
      await pg.query(
        `INSERT INTO idempotency_keys (client_id, key, fingerprint, state, locked_until, expires_at)
         VALUES ($1, $2, 'whatever', 'in_progress', now() - interval '1 second', now() + interval '1 day')`,
        [ADMIN_CLIENT.id, key],
      );
      // Fingerprint differs from the dead claim's placeholder, so first prove the lock logic with the right one:
      await pg.query(`DELETE FROM idempotency_keys WHERE key = $1`, [key]);
      const first = await post('/v1/production-orders', body, key);
      expect(first.status).toBe(201);
      await pg.query(`UPDATE idempotency_keys SET state = 'in_progress', locked_until = now() + interval '1 hour', response_status = NULL, response_body = NULL WHERE key = $1`, [key]);
      const busy = await expectProblem(await post('/v1/production-orders', body, key), 409, 'idempotency-key-in-progress');
      expect(busy.detail).toBeDefined();
      await pg.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = $1`, [key]);
      // The lock expired: the retry runs again, and the unique order number shows the first attempt did commit.
      await expectProblem(await post('/v1/production-orders', body, key), 409, 'duplicate-order');
    } finally {
      await pg.end();
    }
  });
});

describe('plants', () => {
  it('a client bound to another plant gets 404 on read and write and never sees the order in lists', async () => {
    const order = await createOrder();
    const otherToken = await fetchToken(server.url, other.client_id, other.client_secret);
    const h = { authorization: `Bearer ${otherToken}` };
    await expectProblem(await fetch(`${server.url}/v1/production-orders/${order.id}`, { headers: h }), 404, 'not-found');
    await expectProblem(await post(`/v1/production-orders/${order.id}/release`, {}, crypto.randomUUID(), {}, otherToken), 404, 'not-found');
    await expectProblem(await post(`/v1/production-orders/${order.id}/confirmations`, { operation: 10, yield: 1 }, crypto.randomUUID(), {}, otherToken), 404, 'not-found');
    const patch = await fetch(`${server.url}/v1/production-orders/${order.id}`, {
      method: 'PATCH',
      headers: { ...h, 'content-type': 'application/merge-patch+json', 'if-match': '"1"', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ priority: 1 }),
    });
    await expectProblem(patch, 404, 'not-found');
    const list = (await (await fetch(`${server.url}/v1/production-orders?limit=500`, { headers: h })).json()) as { items: { plant: string }[] };
    expect(list.items.every((o) => o.plant === 'P200')).toBe(true);
    const filtered = (await (await fetch(`${server.url}/v1/production-orders?plant=P100`, { headers: h })).json()) as { items: unknown[] };
    expect(filtered.items).toHaveLength(0);
    await expectProblem(await post('/v1/production-orders', productionOrderBody(), crypto.randomUUID(), {}, otherToken), 403, 'forbidden');
  });
});

describe('state machine', () => {
  const act = (id: string, action: string) => post(`/v1/production-orders/${id}/${action}`, undefined as unknown as string, crypto.randomUUID(), { 'content-type': '' });

  it('walks CREATED -> RELEASED -> IN_PROGRESS -> COMPLETED', async () => {
    const order = await createOrder();
    for (const [action, status] of [['release', 'RELEASED'], ['start', 'IN_PROGRESS'], ['complete', 'COMPLETED']] as const) {
      const res = await act(order.id, action);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe(status);
    }
  });

  it.each([
    ['CREATED', [], ['start', 'complete']],
    ['RELEASED', ['release'], ['release', 'complete']],
    ['IN_PROGRESS', ['release', 'start'], ['release', 'start', 'cancel']],
    ['COMPLETED', ['release', 'start', 'complete'], ['release', 'start', 'complete', 'cancel']],
    ['CANCELLED', ['cancel'], ['release', 'start', 'complete', 'cancel']],
  ])('from %s every illegal transition is 409 naming the state', async (state, path, illegal) => {
    const order = await createOrder();
    for (const step of path) expect((await act(order.id, step)).status).toBe(200);
    for (const action of illegal) {
      const problem = await expectProblem(await act(order.id, action), 409, 'invalid-transition');
      expect(problem.currentStatus).toBe(state);
      expect(String(problem.detail)).toContain(state);
    }
  });

  it('cancels from CREATED and from RELEASED', async () => {
    const a = await createOrder();
    expect((await act(a.id, 'cancel')).status).toBe(200);
    const b = await createOrder();
    await act(b.id, 'release');
    expect((await act(b.id, 'cancel')).status).toBe(200);
  });
});

describe('PATCH', () => {
  const patch = (id: string, body: unknown, ifMatch?: string) =>
    fetch(`${server.url}/v1/production-orders/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/merge-patch+json', 'idempotency-key': crypto.randomUUID(), ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      body: JSON.stringify(body),
    });

  it('requires If-Match (428), refuses a stale one (412), applies a merge patch and bumps the ETag', async () => {
    const order = await createOrder();
    await expectProblem(await patch(order.id, { priority: 1 }), 428, 'precondition-required');
    await expectProblem(await patch(order.id, { priority: 1 }, '"7"'), 412, 'precondition-failed');
    const ok = await patch(order.id, { priority: 1, attributes: { customerOrder: null, line: 'L3' }, material: { revision: 'C' } }, '"1"');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const body = (await ok.json()) as { priority: number; attributes: Record<string, unknown>; material: { code: string; revision: string } };
    expect(body.priority).toBe(1);
    expect(body.attributes).toEqual({ line: 'L3' });
    expect(body.material).toMatchObject({ code: 'HX-2210', revision: 'C' });
    await expectProblem(await patch(order.id, { priority: 2 }, '"1"'), 412, 'precondition-failed');
  });

  it('rejects changes to identity fields and invalid results', async () => {
    const order = await createOrder();
    await expectProblem(await patch(order.id, { plant: 'P999' }, '"1"'), 400, 'validation-failed');
    const bad = await expectProblem(await patch(order.id, { scheduledEnd: '2020-01-01T00:00:00Z' }, '"1"'), 400, 'validation-failed');
    expect(JSON.stringify(bad.errors)).toContain('scheduledEnd');
  });
});

describe('confirmations', () => {
  async function startedOrder(): Promise<string> {
    const order = await createOrder({ quantity: { value: 10, unit: 'PCE' } });
    for (const a of ['release', 'start']) expect((await post(`/v1/production-orders/${order.id}/${a}`, {}, crypto.randomUUID())).status).toBe(200);
    return order.id;
  }

  it('keeps totals on the order', async () => {
    const id = await startedOrder();
    const c1 = await post(`/v1/production-orders/${id}/confirmations`, { operation: 10, yield: 6, scrap: 1, scrapReason: 'SCR-DIM' }, crypto.randomUUID());
    expect(c1.status).toBe(201);
    expect(c1.headers.get('location')).toMatch(new RegExp(`^/v1/production-orders/${id}/confirmations/`));
    await post(`/v1/production-orders/${id}/confirmations`, { operation: 20, yield: 3 }, crypto.randomUUID());
    const order = (await (await fetch(`${server.url}/v1/production-orders/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { totals: unknown };
    expect(order.totals).toEqual({ yield: 9, scrap: 1, confirmations: 2 });
  });

  it('refuses more than 1000% of the ordered quantity, unknown operations, and scrap without a reason', async () => {
    const id = await startedOrder();
    expect((await post(`/v1/production-orders/${id}/confirmations`, { operation: 10, yield: 100 }, crypto.randomUUID())).status).toBe(201);
    await expectProblem(await post(`/v1/production-orders/${id}/confirmations`, { operation: 10, yield: 0.5 }, crypto.randomUUID()), 422, 'over-confirmation');
    await expectProblem(await post(`/v1/production-orders/${id}/confirmations`, { operation: 99, yield: 0 }, crypto.randomUUID()), 422, 'unknown-operation');
    await expectProblem(await post(`/v1/production-orders/${id}/confirmations`, { operation: 10, yield: 0, scrap: 1 }, crypto.randomUUID()), 400, 'validation-failed');
  });

  it('refuses confirmations on an order that is not in progress', async () => {
    const order = await createOrder();
    await expectProblem(await post(`/v1/production-orders/${order.id}/confirmations`, { operation: 10, yield: 1 }, crypto.randomUUID()), 409, 'invalid-transition');
  });
});

describe('listing', () => {
  it('filters by plant, status and material', async () => {
    const a = await createOrder({ material: { code: 'FILTER-MAT-1' } });
    await createOrder({ material: { code: 'FILTER-MAT-2' } });
    const res = await sdk.GET('/v1/production-orders', { params: { query: { material: 'FILTER-MAT-1', status: 'CREATED', plant: 'P100' } } });
    expect(res.data?.items.map((o) => o.id)).toEqual([a.id]);
    const bad = await fetch(`${server.url}/v1/production-orders?status=NOPE&limit=9999`, { headers: { authorization: `Bearer ${token}` } });
    const problem = await expectProblem(bad, 400, 'validation-failed');
    expect((problem.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('cursor pagination neither skips nor repeats rows while others insert concurrently', async () => {
    const plant = `PG${Date.now().toString(36).slice(-5)}`;
    const existing: string[] = [];
    for (let i = 0; i < 40; i++) existing.push((await createOrder({ plant })).id);
    let inserting = true;
    const writer = (async () => {
      let n = 0;
      while (inserting && n < 200) {
        await createOrder({ plant });
        n++;
      }
      return n;
    })();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sdk.GET('/v1/production-orders', { params: { query: { plant, limit: 7, ...(cursor ? { cursor } : {}) } } });
      expect(page.response.status).toBe(200);
      seen.push(...page.data!.items.map((o) => o.id));
      cursor = page.data!.nextCursor ?? undefined;
      await new Promise((r) => setTimeout(r, 5));
    } while (cursor);
    inserting = false;
    const inserted = await writer;
    expect(inserted).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length); // nothing repeated
    for (const id of existing) expect(seen).toContain(id); // nothing that existed was skipped
    expect([...seen].sort()).toEqual(seen); // stable order
  });

  it('rejects a cursor from another query', async () => {
    const page = await sdk.GET('/v1/production-orders', { params: { query: { limit: 1 } } });
    const cursor = page.data?.nextCursor;
    expect(cursor).toBeTruthy();
    const res = await fetch(`${server.url}/v1/production-orders?limit=1&status=RELEASED&cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
    await expectProblem(res, 400, 'validation-failed');
  });
});
