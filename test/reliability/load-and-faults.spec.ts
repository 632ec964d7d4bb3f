import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ADMIN_CLIENT, fetchToken, kafkaScript, productionOrderBody, TEST_PG_ADMIN_URL } from '@mw/testing';
import { checkInvariants, InvariantReport } from './invariants';
import { Counters, LoadGenerator, sleep } from './load-generator';
import { mib, table, writeSection } from './reliability-report';
import { openApiPaths, rssBytes, startTopology, Topology } from './topology';

/**
 * Steady mixed load near capacity on the scale-out topology (two API processes, one worker, real
 * PostgreSQL and Kafka), then four faults during load, each followed by the "nothing lost,
 * nothing twice" check. Durations come from the environment so a developer can run it short:
 * RELIABILITY_STEADY_SECONDS (default 180), RELIABILITY_FAULT_SECONDS (load kept up during each
 * fault, default 12).
 */
const STEADY_MS = Number(process.env.RELIABILITY_STEADY_SECONDS ?? 180) * 1000;
const FAULT_MS = Number(process.env.RELIABILITY_FAULT_SECONDS ?? 12) * 1000;
const run = promisify(execFile);

let topo: Topology;
let gen: LoadGenerator;
let token: string;
let capacity = 0;
const paths = openApiPaths();
const features = { extract: paths.has('/v1/extract'), inspections: paths.has('/v1/inspection-reports'), feed: paths.has('/v1/enriched-records') };
const phases: { name: string; seconds: number; counters: Counters }[] = [];
const faults: { fault: string; verdict: InvariantReport; note: string }[] = [];
const rss: { label: string; at: number; api0: number; api1: number; worker: number }[] = [];
const notes: string[] = [];
let loadAtStart = '';

/** The local cluster that serves TEST_PG_ADMIN_URL, for pg_ctlcluster; undefined where there is none. */
async function localCluster(): Promise<{ version: string; name: string } | undefined> {
  try {
    const port = new URL(TEST_PG_ADMIN_URL).port || '5432';
    const { stdout } = await run('pg_lsclusters', ['-h']);
    for (const line of stdout.trim().split('\n')) {
      const [version, name, p, status] = line.trim().split(/\s+/);
      if (p === port && status === 'online' && version && name) return { version, name };
    }
  } catch {
    // not a Debian-style installation
  }
  return undefined;
}

async function pgctl(cluster: { version: string; name: string }, action: 'stop' | 'start'): Promise<void> {
  await run('pg_ctlcluster', [cluster.version, cluster.name, action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { timeout: 120_000 });
}

function delta(a: Counters, b: Counters): Counters {
  const diff = (x: Record<string, number>, y: Record<string, number>) => Object.fromEntries(Object.keys(y).map((k) => [k, (y[k] ?? 0) - (x[k] ?? 0)]));
  return {
    started: b.started - a.started,
    completed: b.completed - a.completed,
    shed: b.shed - a.shed,
    requests: b.requests - a.requests,
    byStatus: diff(a.byStatus, b.byStatus),
    byOp: diff(a.byOp, b.byOp),
    ackedWrites: b.ackedWrites - a.ackedWrites,
    retries: b.retries - a.retries,
    unavailable503: b.unavailable503 - a.unavailable503,
    networkErrors: b.networkErrors - a.networkErrors,
  };
}

/** Runs the load through `during` (which injects the fault) plus settle time, then pauses it. */
async function phase(name: string, during: () => Promise<void>): Promise<void> {
  const before = gen.snapshot();
  const t0 = Date.now();
  console.log(`[reliability] ${new Date().toISOString()} ${name}: start at ${gen.rate} ops/s`);
  gen.start();
  try {
    await during();
  } finally {
    await gen.stop();
  }
  const p = { name, seconds: (Date.now() - t0) / 1000, counters: delta(before, gen.snapshot()) };
  phases.push(p);
  console.log(`[reliability] ${name}: ${(p.counters.completed / p.seconds).toFixed(0)} ops/s held, ${JSON.stringify(p.counters.byStatus)}`);
  // A server process that died by itself is the finding, whatever the invariants say afterwards.
  expect(topo.unexpectedExits()).toEqual([]);
}

function sampleRss(label: string): void {
  rss.push({ label, at: Date.now(), api0: rssBytes(topo.apis[0]?.child.pid), api1: rssBytes(topo.apis[1]?.child.pid), worker: rssBytes(topo.worker.child.pid) });
}

async function expectInvariants(fault: string, note = ''): Promise<void> {
  const verdict = await checkInvariants(topo.db.url, gen);
  faults.push({ fault, verdict, note });
  console.log(`[reliability] ${fault}: invariants ${verdict.ok ? 'hold' : 'BROKEN'} after ${verdict.convergedMs} ms ${JSON.stringify(verdict.figures)} ${verdict.problems.join('; ')}`);
  expect(verdict.problems).toEqual([]);
  expect(gen.findings).toEqual([]);
}

beforeAll(async () => {
  await kafkaScript('start');
  topo = await startTopology();
  token = await fetchToken(topo.apis[0]!.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  for (const [feature, on] of Object.entries(features)) if (!on) notes.push(`${feature}: route not in openapi/openapi.json, left out of the mix`);
  loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' / ');
  gen = new LoadGenerator({ targets: () => topo.apiUrls(), token: () => token, rate: 1000, maxInFlight: 24, features, maxRunMs: 14 * 60_000 });
}, 300_000);

afterAll(async () => {
  await gen?.stop();
  await kafkaScript('start').catch(() => undefined);
  writeReport();
  await topo?.stop();
}, 120_000);

describe('steady load', () => {
  it('finds the capacity of this machine with a short closed-loop burst', async () => {
    await phase('capacity probe (24 in flight, unpaced; shed = not sent)', () => sleep(10_000));
    const p = phases.at(-1)!;
    capacity = p.counters.completed / p.seconds;
    expect(capacity).toBeGreaterThan(0);
    await expectInvariants('none (after the capacity probe)');
  }, 180_000);

  it('holds ~75 % of capacity for several minutes: no 5xx but 503, nothing lost, memory flat', async () => {
    // Near capacity but with headroom: at 100 % the queueing alone decides latency, not the product.
    gen.rate = Math.max(20, Math.round(capacity * 0.75));
    sampleRss('steady start');
    const sampler = setInterval(() => sampleRss('steady'), 10_000);
    try {
      await phase(`steady load at ${gen.rate} ops/s`, () => sleep(STEADY_MS));
    } finally {
      clearInterval(sampler);
    }
    sampleRss('steady end');
    const steady = phases.at(-1)!;
    const fivexx = Object.entries(steady.counters.byStatus).filter(([s]) => /^5\d\d$/.test(s) && s !== '503');
    expect(fivexx).toEqual([]);
    await expectInvariants('none (steady load)');
    // Memory: compare the mean of the last three samples with the first three. Allocator and JIT
    // noise stay well inside 50 %; a leak proportional to requests at this rate would not.
    const series = rss.filter((r) => r.label.startsWith('steady'));
    for (const proc of ['api0', 'api1', 'worker'] as const) {
      const head = series.slice(0, 3).reduce((s, r) => s + r[proc], 0) / Math.min(3, series.length);
      const tail = series.slice(-3).reduce((s, r) => s + r[proc], 0) / Math.min(3, series.length);
      expect(tail / head).toBeLessThan(1.5);
    }
  }, STEADY_MS + 240_000);
});

describe('faults during load', () => {
  it('PostgreSQL restarted: requests fail fast with 503 problem+json and succeed on retry with the same key', async () => {
    const cluster = await localCluster();
    if (!cluster) {
      // Not a failure of the product: a machine whose PostgreSQL this suite cannot restart.
      notes.push('PostgreSQL restart NOT RUN: no local pg_ctlcluster cluster serves TEST_PG_ADMIN_URL');
      return;
    }
    const probes: { key: string; body: Record<string, unknown>; status: number | string; ms: number; problem: boolean }[] = [];
    let readyDuringOutage: number | string = 'not probed';
    await phase('PostgreSQL stopped ~5 s and started', async () => {
      await sleep(3000);
      await pgctl(cluster, 'stop');
      try {
        const until = Date.now() + 5000;
        while (Date.now() < until) {
          const body = productionOrderBody();
          const key = crypto.randomUUID();
          const t0 = Date.now();
          try {
            const res = await fetch(`${topo.apis[0]!.url}/v1/production-orders`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
              body: JSON.stringify(body),
              signal: AbortSignal.timeout(30_000),
            });
            await res.arrayBuffer();
            probes.push({ key, body, status: res.status, ms: Date.now() - t0, problem: (res.headers.get('content-type') ?? '').includes('application/problem+json') });
          } catch (error) {
            probes.push({ key, body, status: String(error), ms: Date.now() - t0, problem: false });
          }
          await sleep(100);
        }
        readyDuringOutage = (await fetch(`${topo.apis[1]!.url}/health/ready`, { signal: AbortSignal.timeout(30_000) }).catch((e: unknown) => ({ status: String(e) }))).status;
      } finally {
        await pgctl(cluster, 'start');
      }
      await sleep(FAULT_MS);
    });
    // The same key, retried once the database is back, creates the order exactly once.
    for (const p of probes) {
      for (let i = 0; i < 60; i++) {
        const res = await fetch(`${topo.apis[1]!.url}/v1/production-orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': p.key },
          body: JSON.stringify(p.body),
        });
        if (res.status === 201) {
          gen.adopt((await res.json()) as { id: string; orderNumber: string; status: string; version: number });
          break;
        }
        expect([503, 409]).toContain(res.status);
        await sleep(500);
      }
    }
    const c = new Client({ connectionString: topo.db.url });
    await c.connect();
    try {
      const numbers = probes.map((p) => String(p.body.orderNumber));
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM production_orders WHERE order_number = ANY($1)`, [numbers]);
      expect(rows[0]!.n).toBe(probes.length);
    } finally {
      await c.end();
    }
    const slowest = Math.max(...probes.map((p) => p.ms));
    const note = `${probes.length} probes during the outage: ${summarize(probes.map((p) => String(p.status)))}; slowest answer ${slowest} ms; /health/ready during the outage: ${readyDuringOutage}`;
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((p) => p.status === 503 && p.problem)).toBe(true);
    expect(readyDuringOutage).toBe(503);
    // "Fail fast" is the issue's bar (3 s); the pool's connect timeout is 2 s.
    expect(slowest).toBeLessThan(3000);
    await expectInvariants('PostgreSQL restart', note);
  }, 300_000);

  it('Kafka broker SIGKILLed and restarted: every event still reaches the projection once', async () => {
    await phase(`Kafka SIGKILLed, down ${FAULT_MS / 1000} s, started`, async () => {
      await sleep(3000);
      await kafkaScript('kill');
      try {
        await sleep(FAULT_MS);
      } finally {
        await kafkaScript('start');
      }
      await sleep(5000);
    });
    await expectInvariants('Kafka broker SIGKILL');
  }, 300_000);

  it('one API process SIGKILLed and restarted: the other keeps serving, retried writes land once', async () => {
    await phase('api #1 SIGKILLed, restarted', async () => {
      await sleep(3000);
      await topo.apis[0]!.kill();
      await sleep(FAULT_MS / 2);
      await topo.restartApi(0);
      await sleep(5000);
    });
    await expectInvariants('API process SIGKILL');
  }, 300_000);

  it('the worker SIGKILLed and restarted: nothing lost, nothing applied twice', async () => {
    await phase('worker SIGKILLed, restarted', async () => {
      await sleep(3000);
      await topo.worker.kill();
      await sleep(FAULT_MS / 2);
      await topo.restartWorker();
      await sleep(5000);
    });
    await expectInvariants('worker SIGKILL');
  }, 300_000);
});

function summarize(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n}x ${v}`).join(', ');
}

function writeReport(): void {
  const lines = ['## Load and faults (`test/reliability/load-and-faults.spec.ts`)', ''];
  lines.push(`Topology: 2 API processes + 1 worker, PostgreSQL ${TEST_PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}, Kafka; load from the test process, round robin over the live API processes, 24 requests in flight at most.`);
  lines.push(
    `Capacity probe: **${capacity.toFixed(0)} ops/s** completed (mixed, every request authenticated, extraction and inspection reports run the ONNX model); steady target ${gen?.rate ?? 0} ops/s (75 %). Machine load average when the load started: ${loadAtStart} (2 cores; other work on the machine lowers the capacity found, the suite adapts to it).`,
    '',
  );
  lines.push(
    ...table(
      ['phase', 's', 'ops/s held', 'requests', 'acked writes', 'retries', '503', 'network errors', 'shed', 'statuses'],
      phases.map((p) => [
        p.name,
        p.seconds.toFixed(0),
        (p.counters.completed / p.seconds).toFixed(0),
        p.counters.requests,
        p.counters.ackedWrites,
        p.counters.retries,
        p.counters.unavailable503,
        p.counters.networkErrors,
        p.counters.shed,
        Object.entries(p.counters.byStatus)
          .sort()
          .map(([s, n]) => `${s}:${n}`)
          .join(' '),
      ]),
    ),
  );
  if (gen) lines.push('', `Mix (operations started over the whole run): ${Object.entries(gen.counters.byOp).map(([op, n]) => `${op} ${n}`).join(', ')}.`);
  const first = rss.find((r) => r.label === 'steady start');
  const last = rss.find((r) => r.label === 'steady end');
  if (first && last) {
    lines.push('', 'RSS during the steady load (VmRSS):', '');
    const series = rss.filter((r) => r.label.startsWith('steady'));
    lines.push(`Samples every 10 s (api0, MiB): ${series.map((r) => (r.api0 / 1_048_576).toFixed(0)).join(', ')}. Bound asserted: mean of the last three samples < 1.5 x mean of the first three, per process.`, '');
    lines.push(...table(['process', 'start', 'end', 'change'], (['api0', 'api1', 'worker'] as const).map((p) => [p, mib(first[p]), mib(last[p]), `${(((last[p] - first[p]) / Math.max(1, first[p])) * 100).toFixed(1)} %`])));
  }
  lines.push('', 'Faults (each followed by the invariant check with the load paused):', '');
  lines.push(
    ...table(
      ['fault', 'verdict', 'converged in', 'orders', 'confirmations', 'inspections', 'order events', 'applied once', 'abandoned writes', 'note'],
      faults.map((f) => [f.fault, f.verdict.ok ? 'nothing lost, nothing twice' : `FAILED: ${f.verdict.problems.join('; ')}`, `${(f.verdict.convergedMs / 1000).toFixed(1)} s`, f.verdict.figures.orders, f.verdict.figures.confirmations, f.verdict.figures.inspections, f.verdict.figures.events, f.verdict.figures.applied, f.verdict.figures.abandoned, f.note]),
    ),
  );
  if (gen) {
    const sorted = [...gen.unavailableMs].sort((a, b) => a - b);
    lines.push('', `503 answers: ${sorted.length}, slowest ${sorted.at(-1) ?? 0} ms, median ${sorted[Math.floor(sorted.length / 2)] ?? 0} ms.`);
    lines.push(`Unexpected answers: ${gen.findings.length}${gen.findings.length ? `, e.g. ${JSON.stringify(gen.findings.slice(0, 5))}` : ''}.`);
  }
  for (const n of notes) lines.push(`Note: ${n}`);
  writeSection('1-load-and-faults', lines);
}
