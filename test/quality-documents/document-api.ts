import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { writeRandomModel } from '@mw/extraction';
import { ADMIN_CLIENT, createTestDatabase, fetchToken, productionOrderBody, REPO_ROOT, ServerProcess, startServer, TestDatabase } from '@mw/testing';

/** The trained model in models/; without it an untrained stand-in serves and checks of what it extracts are skipped. */
export const SHIPPED_MODEL = join(REPO_ROOT, 'models', 'extractor.onnx');
export const trained = existsSync(SHIPPED_MODEL);

export const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** Offsets of `part` in `text`, as a reviewer marks it. */
export const at = (text: string, part: string): { start: number; end: number } => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });

export async function expectProblem(res: Response, status: number, type: string): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, type: body.type }).toEqual({ status, type: `https://millwright.dev/problems/${type}` });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return body;
}

/** The built API process on a throw-away database, the admin's token, and calls that speak to it. */
export interface DocumentApi {
  server: ServerProcess;
  db: TestDatabase;
  pg: Client;
  token: string;
  tmp: string;
  /** JSON bodies are sent as JSON; FormData, Buffers and strings as they are. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>, bearer?: string): Promise<Response>;
  /** A POST with a fresh Idempotency-Key (a header given wins). */
  post(path: string, body: unknown, headers?: Record<string, string>, bearer?: string): Promise<Response>;
  createOrder(overrides: Record<string, unknown>): Promise<{ id: string; orderNumber: string }>;
  stop(): Promise<void>;
}

export async function startDocumentApi(env: Record<string, string> = {}): Promise<DocumentApi> {
  const tmp = mkdtempSync(join(tmpdir(), 'mw-documents-e2e-'));
  const db = await createTestDatabase();
  const server = await startServer(
    {
      DATABASE_URL: db.url,
      BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
      BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
      EXTRACTION_MODEL_PATH: trained ? SHIPPED_MODEL : writeRandomModel(join(tmp, 'model')),
      ...env,
    },
    'api',
  );
  const token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const call: DocumentApi['call'] = (method, path, body, headers = {}, bearer = token) => {
    const json = body !== undefined && !(body instanceof FormData) && !Buffer.isBuffer(body);
    return fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : json ? (typeof body === 'string' ? body : JSON.stringify(body)) : (body as RequestInit['body']),
    });
  };
  const post: DocumentApi['post'] = (path, body, headers = {}, bearer = token) => call('POST', path, body, { 'idempotency-key': crypto.randomUUID(), ...headers }, bearer);
  return {
    server,
    db,
    pg,
    token,
    tmp,
    call,
    post,
    async createOrder(overrides) {
      const res = await post('/v1/production-orders', productionOrderBody(overrides));
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; orderNumber: string };
    },
    async stop() {
      await pg.end();
      await server.stop();
      await db.drop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
