import fc from 'fast-check';
import { ADMIN_CLIENT, createTestDatabase, fetchToken, productionOrderBody, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/**
 * Hostile and broken input against the orders API: every kind of malformed request gets a clear
 * problem+json 4xx, never a 5xx, and the server keeps serving. Plus the property-based version
 * over the order schema.
 */
let db: TestDatabase;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, HTTP_BODY_LIMIT_BYTES: '65536' });
  token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

function send(body: string | Buffer, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/v1/production-orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...headers },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

async function problem(res: Response, status: number, type?: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  if (type) expect(body.type).toBe(`https://millwright.dev/problems/${type}`);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+|QueryFailedError|node_modules|SELECT |INSERT /);
  return body;
}

describe('malformed input', () => {
  it('malformed JSON is 400', async () => {
    await problem(await send('{"orderNumber": "x",'), 400, 'malformed-json');
  });

  it('a body that is not JSON is 415', async () => {
    await problem(await send('orderNumber=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    await problem(await send('<order/>', { 'content-type': 'application/xml' }), 415, 'unsupported-media-type');
  });

  it('an oversized body is 413', async () => {
    await problem(await send(JSON.stringify({ ...productionOrderBody(), attributes: { big: 'x'.repeat(70_000) } })), 413, 'payload-too-large');
  });

  it('bytes that are not UTF-8 are 400', async () => {
    const bytes = Buffer.concat([Buffer.from('{"orderNumber":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    await problem(await send(bytes), 400, 'invalid-encoding');
  });

  it('__proto__ and constructor keys are refused and pollute nothing', async () => {
    await problem(await send(`{"__proto__": {"polluted": true}, "orderNumber": "A1"}`), 400, 'malformed-json');
    await problem(await send(`{"constructor": {"prototype": {"polluted": true}}}`), 400, 'malformed-json');
    await problem(await send(JSON.stringify({ ...productionOrderBody(), material: JSON.parse('{"code":"X","__proto__":{"admin":true}}') })), 400);
    const ok = await send(JSON.stringify(productionOrderBody()));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deep nesting is a clean 400', async () => {
    const deep = '{"attributes":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
    await problem(await send(deep), 400);
    const deepArray = '['.repeat(20000) + ']'.repeat(20000);
    expect((await send(deepArray)).status).toBe(400);
  });

  it('unknown properties, unknown units, huge numbers and bad dates are validation errors naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...productionOrderBody(), shoeSize: 44 }, 'shoeSize'],
      [{ ...productionOrderBody(), quantity: { value: 5, unit: 'BANANA' } }, 'quantity.unit'],
      [{ ...productionOrderBody(), quantity: { value: 1e308 * 10, unit: 'PCE' } }, 'quantity.value'],
      [{ ...productionOrderBody(), quantity: { value: -1, unit: 'PCE' } }, 'quantity.value'],
      [{ ...productionOrderBody(), scheduledStart: '2026-13-45T99:00:00' }, 'scheduledStart'],
      [{ ...productionOrderBody(), scheduledEnd: '2026-11-01T00:00:00Z' }, 'scheduledEnd'],
      [{ ...productionOrderBody(), operations: [{ sequence: 10, workCenter: 'A' }, { sequence: 10, workCenter: 'B' }] }, 'operations'],
      [{ ...productionOrderBody(), attributes: { nested: { no: 1 } } }, 'attributes'],
      [{ ...productionOrderBody(), orderNumber: "1'; DROP TABLE production_orders; --" }, 'orderNumber'],
    ];
    for (const [body, field] of cases) {
      const p = await problem(await send(JSON.stringify(body)), 400, 'validation-failed');
      expect((p.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
  });

  it('a body with a NUL character in free text is refused, not a 500', async () => {
    const res = await send(JSON.stringify({ ...productionOrderBody(), material: { code: 'HX-1', description: 'nul\u0000here' } }));
    expect(res.status).toBeLessThan(500);
  });

  it('never answers 5xx to arbitrary mutations of a valid order (fast-check)', async () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 20, unit: 'binary' }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(1e309),
      fc.constant(-0),
      fc.constant('\u0000'),
      fc.constant("'; SELECT pg_sleep(10); --"),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));
    const paths = ['orderNumber', 'plant', 'material', 'material.code', 'quantity', 'quantity.value', 'quantity.unit', 'scheduledStart', 'scheduledEnd', 'priority', 'operations', 'components', 'attributes', 'extra'];
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), value, async (path, v) => {
        const body = productionOrderBody() as Record<string, unknown>;
        const [head, tail] = path.split('.') as [string, string | undefined];
        if (tail === undefined) body[head] = v;
        else body[head] = { ...(body[head] as Record<string, unknown>), [tail]: v };
        const res = await send(JSON.stringify(body));
        tried++;
        await res.arrayBuffer();
        return res.status < 500;
      }),
      { numRuns: 150, seed: 20261128 },
    );
    expect(tried).toBe(150);
    const health = await fetch(`${server.url}/health/ready`);
    expect(health.status).toBe(200);
  }, 120_000);
});

describe('HTTP hygiene', () => {
  it('sets helmet headers and no CORS by default', async () => {
    const res = await fetch(`${server.url}/health/live`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('unknown routes are problem+json 404; a missing token is 401 with WWW-Authenticate', async () => {
    await problem(await fetch(`${server.url}/v1/nothing-here`, { headers: { authorization: `Bearer ${token}` } }), 404);
    const res = await fetch(`${server.url}/v1/production-orders`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('serves the OpenAPI document and docs', async () => {
    const spec = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/v1/production-orders');
    expect((await fetch(`${server.url}/docs`)).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-client limit', async () => {
    const db2 = await createTestDatabase();
    const limited = await startServer({ DATABASE_URL: db2.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, RATE_LIMIT_PER_MINUTE: '5' }, 'api');
    try {
      const t = await fetchToken(limited.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${limited.url}/v1/production-orders`, { headers: { authorization: `Bearer ${t}` } });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
        await res.arrayBuffer();
      }
      expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
      await db2.drop();
    }
  });
});
