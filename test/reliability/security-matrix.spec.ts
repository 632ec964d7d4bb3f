import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, importJWK, JWK, SignJWT, type CryptoKey } from 'jose';
import { Client } from 'pg';
import { ADMIN_CLIENT, createClient, createTestDatabase, fetchToken, freePort, productionOrderBody, REPO_ROOT, ServerProcess, startServer, TestDatabase } from '@mw/testing';
import { table, writeSection } from './reliability-report';

/**
 * The security test matrix on the built all-in-one process: every operation of
 * openapi/openapi.json without a token, with a token lacking its scope, and with another plant's
 * resource ids; forged tokens; SQL metacharacters stored and returned literally; helmet headers.
 * docs/security.md ("Security test matrix") lists these tests by name.
 */
type Fill = 'order' | 'inspection' | 'claim' | 'client' | 'uuid' | 'none';
interface Rule {
  /** undefined: public. */
  scope?: string;
  /** How another plant's client is kept out: 404 on ids, 403 on a plant in the body, filtering on lists. */
  plant: 'id' | 'body' | 'list' | 'global';
  fill: Fill;
  body?: () => unknown;
  /** Headers the operation needs beyond auth and Idempotency-Key. */
  headers?: Record<string, string>;
}

const DOC_TEXT = 'Inspection of order 4700012345, part HX-2210, lot L23-118: 5 pcs scratched, severity major, rework.';
/** Every operation of the API and what guards it. A new operation fails the first test until it is added here. */
const RULES: Record<string, Rule> = {
  live: { plant: 'global', fill: 'none' },
  ready: { plant: 'global', fill: 'none' },
  list: { scope: 'admin', plant: 'global', fill: 'none' },
  create: { scope: 'admin', plant: 'global', fill: 'none', body: () => ({ name: `sec-${Date.now()}`, scopes: ['orders:read'], plants: ['P100'] }) },
  disable: { scope: 'admin', plant: 'global', fill: 'client' },
  rotateSecret: { scope: 'admin', plant: 'global', fill: 'client' },
  listDeadLetters: { scope: 'admin', plant: 'global', fill: 'none' },
  replayAllDeadLetters: { scope: 'admin', plant: 'global', fill: 'none', body: () => ({}) },
  replayDeadLetter: { scope: 'admin', plant: 'global', fill: 'uuid' },
  listAuditEntries: { scope: 'audit:read', plant: 'global', fill: 'none' },
  createClaim: { scope: 'claims:write', plant: 'body', fill: 'none', body: () => ({ text: DOC_TEXT, plant: 'P100' }) },
  getClaim: { scope: 'claims:read', plant: 'id', fill: 'claim' },
  reviewClaim: { scope: 'claims:write', plant: 'id', fill: 'claim', body: () => ({ fields: [] }), headers: { 'if-match': '"0"' } },
  listClaims: { scope: 'claims:read', plant: 'list', fill: 'none' },
  claimExplanation: { scope: 'claims:read', plant: 'id', fill: 'claim' },
  enrichedRecordsFeed: { scope: 'records:read', plant: 'list', fill: 'none' },
  getEnrichedRecord: { scope: 'records:read', plant: 'id', fill: 'order' },
  extractFields: { scope: 'extract', plant: 'global', fill: 'none', body: () => ({ kind: 'inspection', text: DOC_TEXT }) },
  createInspectionReport: { scope: 'inspections:write', plant: 'body', fill: 'none', body: () => ({ text: DOC_TEXT, plant: 'P100' }) },
  getInspectionReport: { scope: 'inspections:read', plant: 'id', fill: 'inspection' },
  reviewInspectionReport: { scope: 'inspections:write', plant: 'id', fill: 'inspection', body: () => ({ fields: [] }), headers: { 'if-match': '"0"' } },
  listInspectionReports: { scope: 'inspections:read', plant: 'list', fill: 'none' },
  inspectionReportExplanation: { scope: 'inspections:read', plant: 'id', fill: 'inspection' },
  listProductionOrders: { scope: 'orders:read', plant: 'list', fill: 'none' },
  createProductionOrder: { scope: 'orders:write', plant: 'body', fill: 'none', body: () => productionOrderBody() },
  getProductionOrder: { scope: 'orders:read', plant: 'id', fill: 'order' },
  patchProductionOrder: { scope: 'orders:write', plant: 'id', fill: 'order', body: () => ({ priority: 7 }) },
  cancelProductionOrder: { scope: 'orders:write', plant: 'id', fill: 'order' },
  completeProductionOrder: { scope: 'orders:write', plant: 'id', fill: 'order' },
  releaseProductionOrder: { scope: 'orders:write', plant: 'id', fill: 'order' },
  startProductionOrder: { scope: 'orders:write', plant: 'id', fill: 'order' },
  listOrderClaims: { scope: 'claims:read', plant: 'id', fill: 'order' },
  listOrderInspections: { scope: 'inspections:read', plant: 'id', fill: 'order' },
  listConfirmations: { scope: 'orders:read', plant: 'id', fill: 'order' },
  createConfirmation: { scope: 'confirmations:write', plant: 'id', fill: 'order', body: () => ({ operation: 10, yield: 1 }) },
};

interface Op {
  id: string;
  method: string;
  path: string;
}
const spec = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
const OPS: Op[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map(([m, o]) => ({ id: o.operationId, method: m.toUpperCase(), path })),
);
const known = OPS.filter((o) => RULES[o.id] !== undefined);
const guarded = known.filter((o) => RULES[o.id]!.scope !== undefined);

let db: TestDatabase;
let server: ServerProcess;
let publicUrl: string;
let adminToken: string;
let otherPlantToken: string;
const lacking = new Map<string, string>();
const seed = { order: '', orderNumber: '', inspection: '', claim: '', client: '' };
const results: { check: string; tried: number; passed: number }[] = [];

function record(check: string, ok: boolean): void {
  const r = results.find((x) => x.check === check) ?? results[results.push({ check, tried: 0, passed: 0 }) - 1]!;
  r.tried++;
  if (ok) r.passed++;
}

function url(op: Op): string {
  const rule = RULES[op.id]!;
  const id = rule.fill === 'uuid' || rule.fill === 'none' ? crypto.randomUUID() : seed[rule.fill];
  return op.path.replace(/\{[^}]+\}/, id);
}

async function call(op: Op, token: string | undefined, extra: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const rule = RULES[op.id]!;
  const body = rule.body?.();
  const res = await fetch(`${server.url}${url(op)}`, {
    method: op.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(op.method === 'GET' ? {} : { 'idempotency-key': crypto.randomUUID() }),
      ...(op.method === 'PATCH' ? { 'if-match': '*' } : {}),
      ...rule.headers,
      ...extra,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function post(path: string, body: unknown, token = adminToken): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await createTestDatabase('mw_sec');
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  // all-in-one without Kafka: events reach the enriched-records projection in process.
  server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, PORT: String(port), PUBLIC_URL: publicUrl, EXTRACTION_THREADS: '1' }, 'all-in-one', 120_000);
  adminToken = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const allScopes = [...new Set(Object.values(RULES).flatMap((r) => (r.scope ? [r.scope] : [])))];
  for (const scope of allScopes) {
    const c = await createClient(server.url, adminToken, { name: `lacks-${scope.replace(':', '-')}`, scopes: allScopes.filter((s) => s !== scope), plants: ['*'] });
    lacking.set(scope, await fetchToken(server.url, c.client_id, c.client_secret));
  }
  const other = await createClient(server.url, adminToken, { name: 'plant-p200', scopes: allScopes.filter((s) => s !== 'admin'), plants: ['P200'] });
  otherPlantToken = await fetchToken(server.url, other.client_id, other.client_secret);
  seed.client = other.client_id;
  const order = await post('/v1/production-orders', productionOrderBody());
  expect(order.status).toBe(201);
  seed.order = String(order.json.id);
  seed.orderNumber = String(order.json.orderNumber);
  if (spec.paths['/v1/inspection-reports']) seed.inspection = String((await post('/v1/inspection-reports', { text: `Order ${seed.orderNumber}: 2 pcs scratched`, plant: 'P100' })).json.id);
  if (spec.paths['/v1/claims']) seed.claim = String((await post('/v1/claims', { text: `Claim for order ${seed.orderNumber}: 3 pcs cracked`, plant: 'P100' })).json.id);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  writeSection('3-security', [
    '## Security matrix (`test/reliability/security-matrix.spec.ts`)',
    '',
    `${OPS.length} operations in openapi/openapi.json, ${guarded.length} behind a scope. Details and the threat table: docs/security.md, "Security test matrix".`,
    '',
    ...table(['check', 'cases', 'passed'], results.map((r) => [r.check, r.tried, r.passed])),
  ]);
});

describe('coverage', () => {
  it('every operation in openapi/openapi.json has a rule in the matrix', () => {
    expect(OPS.filter((o) => RULES[o.id] === undefined).map((o) => `${o.id} ${o.method} ${o.path}`)).toEqual([]);
  });
});

describe('without a token', () => {
  it.each(guarded.map((o) => [`${o.method} ${o.path}`, o] as const))('%s answers 401 with a Bearer challenge', async (_name, op) => {
    const r = await call(op, undefined);
    record('no token -> 401', r.status === 401);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="millwright"');
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('the public operations (health) answer without one', async () => {
    for (const op of known.filter((o) => RULES[o.id]!.scope === undefined)) {
      const r = await call(op, undefined);
      record('public without a token -> 200', r.status === 200);
      expect(r.status).toBe(200);
    }
  });
});

describe('with a token lacking the scope', () => {
  it.each(guarded.map((o) => [`${o.method} ${o.path}`, o] as const))('%s answers 403 insufficient_scope', async (_name, op) => {
    const scope = RULES[op.id]!.scope!;
    const r = await call(op, lacking.get(scope));
    record('scope missing -> 403', r.status === 403);
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(r.headers.get('www-authenticate')).toContain(scope);
  });
});

describe("with another plant's resources", () => {
  const byId = guarded.filter((o) => RULES[o.id]!.plant === 'id');
  it.each(byId.map((o) => [`${o.method} ${o.path}`, o] as const))("%s with a P100 id answers 404 to a P200 client and leaks nothing", async (_name, op) => {
    const r = await call(op, otherPlantToken);
    record("other plant's id -> 404", r.status === 404);
    expect(r.status).toBe(404);
    expect(r.text).not.toContain(seed.orderNumber);
  });

  it.each(guarded.filter((o) => RULES[o.id]!.plant === 'body').map((o) => [`${o.method} ${o.path}`, o] as const))('%s for plant P100 answers 403 to a P200 client', async (_name, op) => {
    const r = await call(op, otherPlantToken);
    record('write into another plant -> 403', r.status === 403);
    expect(r.status).toBe(403);
  });

  it("lists and feeds never show another plant's records", async () => {
    for (const op of guarded.filter((o) => RULES[o.id]!.plant === 'list')) {
      for (const q of ['', '?plant=P100']) {
        const res = await fetch(`${server.url}${op.path}${q}`, { headers: { authorization: `Bearer ${otherPlantToken}` } });
        const text = await res.text();
        // Filtering to nothing (200) or refusing the plant (403) are both fine; showing the P100 order or documents is not.
        const shown = [seed.order, seed.inspection, seed.claim].filter((id) => id !== '' && text.includes(id));
        record('lists filtered by plant', [200, 403].includes(res.status) && shown.length === 0);
        expect([200, 403]).toContain(res.status);
        expect(shown).toEqual([]);
      }
    }
  });

  it("the P100 order was not changed by the P200 client's writes", async () => {
    const res = await fetch(`${server.url}/v1/production-orders/${seed.order}`, { headers: { authorization: `Bearer ${adminToken}` } });
    const order = (await res.json()) as { status: string; version: number; priority: number; totals: { confirmations: number } };
    expect(order).toMatchObject({ status: 'CREATED', version: 1, totals: { confirmations: 0 } });
  });
});

describe('forged tokens', () => {
  let own: { key: CryptoKey | Uint8Array; kid: string; publicJwk: JWK };
  const claims = { scope: 'orders:read', client_id: ADMIN_CLIENT.id, mw_plants: ['*'] };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  async function forge(opts: { iss?: string; aud?: string; exp?: number | string; key?: CryptoKey | Uint8Array; kid?: string } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: opts.kid ?? own.kid })
      .setIssuedAt()
      .setSubject(ADMIN_CLIENT.id)
      .setIssuer(opts.iss ?? publicUrl)
      .setAudience(opts.aud ?? 'millwright-api')
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.key ?? own.key);
  }

  async function expect401(name: string, token: string, reason: string): Promise<void> {
    const res = await fetch(`${server.url}/v1/production-orders?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { type?: string };
    record(`forged token (${name}) -> 401`, res.status === 401);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(String(body.type)).toContain(reason);
  }

  beforeAll(async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const jwk = (await pg.query<{ private_jwk: JWK & { kid: string } }>(`SELECT private_jwk FROM signing_keys WHERE alg = 'RS256' AND retired_at IS NULL LIMIT 1`)).rows[0]!.private_jwk;
      const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
      own = { key: (await importJWK(jwk, 'RS256')) as CryptoKey, kid: jwk.kid, publicJwk };
    } finally {
      await pg.end();
    }
  });

  it('a token forged with the server key and every claim right is accepted (control)', async () => {
    const res = await fetch(`${server.url}/v1/production-orders?limit=1`, { headers: { authorization: `Bearer ${await forge()}` } });
    expect(res.status).toBe(200);
  });

  it('alg none is refused', async () => {
    const payload = { ...claims, iss: publicUrl, aud: 'millwright-api', sub: ADMIN_CLIENT.id, exp: Math.floor(Date.now() / 1000) + 300 };
    await expect401('alg none', `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(payload)}.`, 'token');
  });

  it('HS256 signed with the published RSA public key is refused', async () => {
    const pem = await exportSPKI((await importJWK(own.publicJwk, 'RS256')) as CryptoKey);
    const payload = { ...claims, iss: publicUrl, aud: 'millwright-api', sub: ADMIN_CLIENT.id, exp: Math.floor(Date.now() / 1000) + 300 };
    const input = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: own.kid })}.${b64(payload)}`;
    await expect401('HS256 key confusion', `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`, 'token');
  });

  it('a wrong key under the server kid is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expect401('wrong key', await forge({ key: privateKey }), 'token');
  });

  it('a wrong issuer is refused', async () => {
    await expect401('wrong issuer', await forge({ iss: 'https://evil.example' }), 'token');
  });

  it('a wrong audience is refused', async () => {
    await expect401('wrong audience', await forge({ aud: 'another-api' }), 'token');
  });

  it('an expired token is refused', async () => {
    await expect401('expired', await forge({ exp: Math.floor(Date.now() / 1000) - 120 }), 'token');
  });

  it('garbage and a token in the query string are refused', async () => {
    await expect401('garbage', 'not.a.jwt', 'token');
    const res = await fetch(`${server.url}/v1/production-orders?access_token=${encodeURIComponent(adminToken)}`);
    record('token in the query string -> 401', res.status === 401);
    expect(res.status).toBe(401);
  });
});

describe('SQL metacharacters', () => {
  const payloads = ["'; DROP TABLE production_orders; --", '" OR 1=1 --', "\\' OR '1'='1", '%_*?[]', '$1 $$ $tag$ $$', '/* comment */ ; SELECT pg_sleep(10);', "E'\\\\x00'", 'Robert\u2019); DROP TABLE api_clients;--'];

  it('are stored and returned literally in descriptions, operation texts and attributes', async () => {
    for (const p of payloads) {
      const body = productionOrderBody({
        orderNumber: `SQL-${crypto.randomUUID().slice(0, 8)}/--.`,
        material: { code: 'HX-2210', description: p },
        operations: [{ sequence: 10, workCenter: 'CNC-01', description: p, setupMinutes: 1, runMinutes: 1 }],
        attributes: { note: p },
      });
      const created = await post('/v1/production-orders', body);
      expect(created.status).toBe(201);
      const res = await fetch(`${server.url}/v1/production-orders/${String(created.json.id)}`, { headers: { authorization: `Bearer ${adminToken}` } });
      const got = (await res.json()) as { orderNumber: string; material: { description: string }; operations: { description: string }[]; attributes: { note: string } };
      const literal = got.orderNumber === body.orderNumber && got.material.description === p && got.operations[0]!.description === p && got.attributes.note === p;
      record('SQL metacharacters stored literally', literal);
      expect(got.material.description).toBe(p);
      expect(got.operations[0]!.description).toBe(p);
      expect(got.attributes.note).toBe(p);
      expect(got.orderNumber).toBe(body.orderNumber);
    }
  });

  it('in query filters they match nothing and break nothing', async () => {
    for (const p of payloads) {
      const res = await fetch(`${server.url}/v1/production-orders?material=${encodeURIComponent(p)}&plant=${encodeURIComponent(p)}`, { headers: { authorization: `Bearer ${adminToken}` } });
      const text = await res.text();
      record('SQL metacharacters in filters -> 200 empty or 400', res.status === 400 || (res.status === 200 && !text.includes(seed.order)));
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expect((JSON.parse(text) as { items: unknown[] }).items).toEqual([]);
    }
  });

  it('a NUL character (PostgreSQL cannot store it in text) is a 400, not a 500', async () => {
    for (const where of ['material', 'attributes']) {
      const body = where === 'material' ? productionOrderBody({ material: { code: 'HX-2210', description: 'a\u0000b' } }) : productionOrderBody({ attributes: { note: 'a\u0000b' } });
      const r = await post('/v1/production-orders', body);
      record('NUL in text -> 400', r.status === 400);
      expect(r.status).toBe(400);
    }
  });

  it('the tables are all still there', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM production_orders`);
      expect(rows[0]!.n).toBeGreaterThan(payloads.length);
      await pg.query('SELECT 1 FROM api_clients LIMIT 1');
    } finally {
      await pg.end();
    }
  });
});

describe('helmet headers', () => {
  it.each([
    ['a public 200', '/health/live', undefined],
    ['a 401 problem', '/v1/production-orders', undefined],
    ['an authenticated 200', '/v1/production-orders?limit=1', 'admin'],
    ['a 404 problem', '/nope', undefined],
    ['the OpenAPI docs', '/docs', undefined],
  ] as const)('are present on %s', async (_name, path, who) => {
    const res = await fetch(`${server.url}${path}`, { headers: who ? { authorization: `Bearer ${adminToken}` } : {} });
    const h = res.headers;
    const ok =
      (h.get('content-security-policy') ?? '').includes("default-src 'self'") &&
      (h.get('content-security-policy') ?? '').includes("frame-ancestors 'self'") &&
      h.get('x-content-type-options') === 'nosniff' &&
      (h.get('strict-transport-security') ?? '').includes('max-age=') &&
      h.get('x-frame-options') === 'SAMEORIGIN' &&
      h.get('referrer-policy') === 'no-referrer' &&
      h.get('cross-origin-opener-policy') === 'same-origin' &&
      h.get('x-powered-by') === null;
    record('helmet headers', ok);
    expect(h.get('content-security-policy')).toContain("default-src 'self'");
    expect(h.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('strict-transport-security')).toContain('max-age=');
    expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('x-powered-by')).toBeNull();
  });

  it('are present on the token endpoint', async () => {
    const res = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    record('helmet headers', res.headers.get('x-content-type-options') === 'nosniff' && res.headers.get('content-security-policy') !== null);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).not.toBeNull();
  });
});
