import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((r) => server.close(r));
  return port;
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  kill(): Promise<void>;
}

export type AppEntry = 'all-in-one' | 'api' | 'worker';

/**
 * Runs a built Millwright process (`npm run build` first) the way operators do: a real process, a
 * real port, real PostgreSQL. Resolves when /health/live answers.
 */
export async function startServer(env: Record<string, string>, entry: AppEntry = 'all-in-one', timeoutMs = 60_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'apps', entry, 'src', 'main.js')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/health/live`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    child,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

export const ADMIN_CLIENT = { id: 'test-admin', secret: 'test-admin-secret-123' };

/** A client-credentials access token from the server's embedded authorization server. */
export async function fetchToken(url: string, clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const res = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Creates an API client through the admin API and returns its credentials. */
export async function createClient(url: string, adminToken: string, spec: { name: string; scopes: string[]; plants: string[]; roles?: string[]; purposes?: string[] }): Promise<{ client_id: string; client_secret: string }> {
  const res = await fetch(`${url}/v1/admin/clients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'idempotency-key': `create-${spec.name}-${Date.now()}-${Math.random()}` },
    body: JSON.stringify(spec),
  });
  if (res.status !== 201) throw new Error(`create client: ${res.status} ${await res.text()}`);
  return (await res.json()) as { client_id: string; client_secret: string };
}

/**
 * The environment of a test server on a throw-away database with the known admin client; with a
 * topic prefix it relays through the shared Kafka broker in its own topics and consumer groups.
 */
export function serverEnv(databaseUrl: string, kafka?: { broker: string; prefix: string }): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
    BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
    ...(kafka ? { KAFKA_BROKERS: kafka.broker, KAFKA_TOPIC_PREFIX: kafka.prefix, KAFKA_CONSUMER_GROUP: `${kafka.prefix}workers` } : {}),
  };
}
