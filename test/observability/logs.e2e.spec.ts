import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CLIENT, createTestDatabase, fetchToken, productionOrderBody, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/**
 * The captured output of a real process after requests full of credentials and personal data:
 * every line is JSON, request lines carry the request id (and the client and trace), and none of
 * the secrets or personal values appear anywhere.
 */
const NATIONAL_ID = '11010519491231002X';
const PHONE = '13812345678';
const EMAIL = 'li.wei@example.com';

let db: TestDatabase;
let server: ServerProcess;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({
    DATABASE_URL: db.url,
    BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
    BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
    LOG_LEVEL: 'debug',
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

function lines(): string[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '');
}

describe('logs', () => {
  it('never contain tokens, secrets or personal data, and every line is JSON', async () => {
    // client_secret in a form body (client_secret_post), then in a Basic header.
    const post = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN_CLIENT.id, client_secret: ADMIN_CLIENT.secret }),
    });
    expect(post.status).toBe(200);
    const wrong = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN_CLIENT.id, client_secret: `${ADMIN_CLIENT.secret}-wrong` }),
    });
    expect(wrong.status).toBe(401);
    token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);

    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const personal = { note: `call ${PHONE}`, holder: NATIONAL_ID, contact: EMAIL };
    const created = await fetch(`${server.url}/v1/production-orders`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(productionOrderBody({ attributes: personal })),
    });
    expect(created.status).toBe(201);
    // Invalid by validation, then not JSON at all (the parser's message quotes the body).
    const invalid = await fetch(`${server.url}/v1/production-orders`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ ...productionOrderBody({ attributes: personal }), quantity: `${NATIONAL_ID} ${PHONE}` }),
    });
    expect(invalid.status).toBe(400);
    const malformed = await fetch(`${server.url}/v1/production-orders`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
      body: `{"holder": "${NATIONAL_ID}", "phone": ${PHONE}, oops`,
    });
    expect(malformed.status).toBe(400);
    // Personal data and a token in the URL itself.
    await fetch(`${server.url}/v1/production-orders/${NATIONAL_ID}?phone=${PHONE}&access_token=${token}`, { headers: auth });
    // A rejected, well-formed but forged token.
    const forged = `${token.slice(0, -6)}AAAAAA`;
    expect((await fetch(`${server.url}/v1/production-orders`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);

    await new Promise((r) => setTimeout(r, 300)); // let the last request lines reach the pipe
    const out = server.output();
    if (process.env.SHOW_LOG) process.stderr.write(out);
    for (const secret of [token, forged, ADMIN_CLIENT.secret, NATIONAL_ID, PHONE, EMAIL, token.split('.')[1] as string]) {
      expect(out.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
    }

    const parsed = lines().map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${l}`);
      }
    });
    for (const entry of parsed) {
      expect(typeof entry['level']).toBe('string');
      expect(typeof entry['time']).toBe('string');
      expect(typeof entry['msg']).toBe('string');
    }
    const requests = parsed.filter((e) => e['msg'] === 'request completed' || e['msg'] === 'request failed');
    expect(requests.length).toBeGreaterThanOrEqual(7);
    for (const r of requests) {
      expect(r['requestId']).toMatch(/^[\w.:-]+$/);
      expect(r['traceId']).toMatch(/^[0-9a-f]{32}$/);
      expect(r['spanId']).toMatch(/^[0-9a-f]{16}$/);
      expect(typeof r['route']).toBe('string');
      expect(typeof r['status']).toBe('number');
      expect(typeof r['ms']).toBe('number');
    }
    const orderLines = requests.filter((r) => r['route'] === '/v1/production-orders' && r['method'] === 'POST');
    expect(orderLines.map((r) => r['status']).sort()).toEqual([201, 400]);
    // The unparseable body is refused before routing, so its route is the catch-all label.
    expect(requests.some((r) => r['route'] === 'other' && r['method'] === 'POST' && r['status'] === 400)).toBe(true);
    expect(orderLines.filter((r) => r['status'] === 201).every((r) => r['clientId'] === ADMIN_CLIENT.id)).toBe(true);
    // The raw URL with its personal data never becomes a field: the route pattern does.
    expect(requests.some((r) => r['route'] === '/v1/production-orders/:id')).toBe(true);
  });

  it('request ids in the log match the X-Request-Id the caller saw', async () => {
    const res = await fetch(`${server.url}/v1/production-orders?limit=1`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'obs-test-req-1' } });
    expect(res.headers.get('x-request-id')).toBe('obs-test-req-1');
    await new Promise((r) => setTimeout(r, 200));
    const line = lines().find((l) => l.includes('"requestId":"obs-test-req-1"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({ level: 'info', msg: 'request completed', method: 'GET', route: '/v1/production-orders', status: 200, clientId: ADMIN_CLIENT.id });
  });
});
