import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_CLIENT, createTestDatabase, freePort, KAFKA_BROKER, REPO_ROOT, ServerProcess, startServer, TestDatabase, uniqueTopicPrefix } from '@mw/testing';

/** Resident set size of a process from /proc (Linux), in bytes; 0 once the process is gone. */
export function rssBytes(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Operation paths of the committed OpenAPI document, so optional features are exercised only where they exist. */
export function openApiPaths(): Set<string> {
  const doc = JSON.parse(readFileSync(join(REPO_ROOT, 'openapi', 'openapi.json'), 'utf8')) as { paths: Record<string, unknown> };
  return new Set(Object.keys(doc.paths));
}

function alive(p: ServerProcess): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

export interface Topology {
  db: TestDatabase;
  prefix: string;
  apis: ServerProcess[];
  worker: ServerProcess;
  /** Base URLs of the API processes that are up, in a stable order. */
  apiUrls(): string[];
  /** Processes that exited without the suite killing them, with the tail of their output. */
  unexpectedExits(): string[];
  restartApi(index: number): Promise<void>;
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The scale-out deployment in miniature: two API processes behind a client-side round robin and
 * one worker, on a throw-away database and a topic prefix of their own. Ports are fixed per
 * process so a restarted API comes back where the load generator expects it.
 */
export async function startTopology(extraEnv: Record<string, string> = {}): Promise<Topology> {
  const db = await createTestDatabase('mw_rel');
  const prefix = uniqueTopicPrefix();
  const ports = [await freePort(), await freePort()];
  const env = (): Record<string, string> => ({
    DATABASE_URL: db.url,
    BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
    BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
    KAFKA_BROKERS: KAFKA_BROKER,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_CONSUMER_GROUP: `${prefix}workers`,
    // Both replicas issue and accept the same tokens only if they name the same issuer.
    PUBLIC_URL: `http://127.0.0.1:${ports[0]}`,
    // A request cut off by a SIGKILLed replica keeps its key locked this long; retries wait it out.
    IDEMPOTENCY_LOCK_SECONDS: '5',
    EXTRACTION_THREADS: '1',
    ...extraEnv,
  });
  const apis: ServerProcess[] = [];
  let worker: ServerProcess;
  const started: ServerProcess[] = [];
  const track = async (p: Promise<ServerProcess>) => {
    const s = await p;
    started.push(s);
    return s;
  };
  try {
    // The first API process runs the migrations alone; the others start on the migrated schema.
    apis.push(await track(startServer({ ...env(), PORT: String(ports[0]) }, 'api', 120_000)));
    const results = await Promise.allSettled([track(startServer({ ...env(), PORT: String(ports[1]) }, 'api', 120_000)), track(startServer(env(), 'worker', 120_000))]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    apis.push((results[0] as PromiseFulfilledResult<ServerProcess>).value);
    worker = (results[1] as PromiseFulfilledResult<ServerProcess>).value;
  } catch (error) {
    await Promise.all(started.map((s) => s.kill()));
    await db.drop();
    throw error;
  }
  const topology: Topology = {
    db,
    prefix,
    apis,
    worker,
    apiUrls: () => apis.filter(alive).map((a) => a.url),
    unexpectedExits: () =>
      [...apis.map((a, i) => [`api #${i + 1}`, a] as const), ['worker', topology.worker] as const]
        .filter(([, p]) => p.child.exitCode !== null || (p.child.signalCode !== null && p.child.signalCode !== 'SIGKILL'))
        .map(([name, p]) => `${name} exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.output().slice(-3000)}`),
    async restartApi(index) {
      const old = apis[index];
      // ServerProcess.kill() waits for an 'exit' that a process already SIGKILLed never emits again.
      if (old && alive(old)) await old.kill();
      apis[index] = await startServer({ ...env(), PORT: String(ports[index]) }, 'api', 120_000);
    },
    async restartWorker() {
      if (alive(topology.worker)) await topology.worker.kill();
      topology.worker = await startServer(env(), 'worker', 120_000);
    },
    async stop() {
      await Promise.all([...apis, topology.worker].filter(alive).map((p) => p.stop().catch(() => null)));
      await db.drop();
    },
  };
  return topology;
}
