import { ChildProcess, execSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { AuditTrail, sealAuditEntries, verifyAuditChain } from '@mw/audit';
import { createDataSource, createDb, runMigrations } from '@mw/database';
import { ADMIN_CLIENT, createTestDatabase, fetchToken, productionOrderBody, REPO_ROOT } from '@mw/testing';

/**
 * Cost of the audit log on the write path, auditing off (baseline) vs on, alternated in rounds in
 * one run so machine noise hits both alike:
 *   1. HTTP: creates/s of POST /v1/production-orders through the whole API, auditing off, by the
 *      writes interceptor (one extra transaction per request, after the order's own), and by an
 *      append inside the order's own transaction (what explicit service calls will cost).
 *   2. In-transaction: tx/s of a business insert with and without `AuditTrail.append` in the same
 *      transaction (the explicit service-call design), with the sealer chaining concurrently.
 *
 *   node -r ./scripts/register-ts.js bench/audit-overhead.ts [--rounds 3] [--seconds 10] [--connections 8]
 */
const args = process.argv.slice(2);
function arg(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
const ROUNDS = arg('rounds', 3);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 8);

type Mode = 'off' | 'on';
/** off: AUDIT_ENABLED=false; interceptor: AuditWritesInterceptor (own transaction after the order's); in-transaction: append in the order's transaction. */
type HttpMode = 'off' | 'interceptor' | 'in-transaction';
const HTTP_MODES: HttpMode[] = ['off', 'interceptor', 'in-transaction'];

interface HttpRun {
  perSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function startServer(databaseUrl: string, mode: HttpMode): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'bench/audit-server.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: databaseUrl,
      BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
      BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
      AUDIT_ENABLED: mode === 'off' ? 'false' : 'true',
      BENCH_AUDIT_MODE: mode,
      AUDIT_ANCHOR_INTERVAL_MS: '0',
      // The bench measures auditing, not the rate limiter.
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"url":"([^"]+)"\}/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}:\n${out}`)));
  });
}

function load(url: string, token: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/production-orders',
        setupRequest: (req) => ({
          ...req,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(productionOrderBody()),
        }),
      },
    ],
  });
}

/** The server's own sealer must have chained one entry per created order (plus admin writes) and verify clean. */
async function expectAllSealed(databaseUrl: string, createAction: string): Promise<void> {
  const ds = createDataSource({ url: databaseUrl, dataDir: '/tmp', poolSize: 1, statementTimeoutMs: 60_000 });
  await ds.initialize();
  try {
    const db = await createDb(ds);
    for (let i = 0; i < 50; i++) {
      const [p] = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_pending');
      if (p?.n === '0') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [orders] = await db.query<{ n: string }>('SELECT count(*) AS n FROM production_orders');
    const [creates] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE action = $1 AND outcome = 'success'`, [createAction]);
    const report = await verifyAuditChain(db);
    if (orders?.n !== creates?.n || !report.ok) throw new Error(`orders ${orders?.n}, audited creates ${creates?.n}, chain ${JSON.stringify(report)}`);
  } finally {
    await ds.destroy();
  }
}

interface Server {
  mode: HttpMode;
  url: string;
  token: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

async function startMode(mode: HttpMode): Promise<Server> {
  const tdb = await createTestDatabase('mw_bench_audit');
  const { url, child } = await startServer(tdb.url, mode);
  const token = await fetchToken(url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  return {
    mode,
    url,
    token,
    databaseUrl: tdb.url,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await tdb.drop();
    },
  };
}

async function burst(server: Server, seconds: number): Promise<HttpRun> {
  const r = await load(server.url, server.token, seconds);
  return { perSec: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

interface TxTarget {
  burst(ms: number): Promise<number>;
  close(): Promise<void>;
}

async function txTarget(mode: Mode): Promise<TxTarget> {
  const tdb = await createTestDatabase('mw_bench_audit_tx');
  const ds = createDataSource({ url: tdb.url, dataDir: '/tmp', poolSize: CONNECTIONS + 1, statementTimeoutMs: 30_000 });
  await ds.initialize();
  await runMigrations(ds);
  const db = await createDb(ds);
  await db.query('CREATE TABLE bench_business (id uuid PRIMARY KEY, body jsonb NOT NULL)');
  const trail = new AuditTrail(db, { enabled: mode === 'on' });
  const one = () =>
    db.tx(async (q) => {
      const id = randomUUID();
      const body = productionOrderBody();
      await q.query('INSERT INTO bench_business (id, body) VALUES ($1, $2)', [id, body]);
      await trail.append(q, { action: 'bench-business.create', resource: `bench-business/${id}`, outcome: 'success', status: 201, clientId: 'bench', requestId: id, changes: body });
    });
  // The sealer runs throughout, as it would in the API process, so its cost counts.
  let sealing = mode === 'on';
  const sealer = (async () => {
    while (sealing) {
      await sealAuditEntries(db);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async burst(ms: number): Promise<number> {
      const end = Date.now() + ms;
      let n = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (Date.now() < end) {
            await one();
            n++;
          }
        }),
      );
      return (n * 1000) / ms;
    },
    async close() {
      sealing = false;
      await sealer;
      try {
        if (mode === 'on') {
          await sealAuditEntries(db, { wait: true });
          const [row] = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
          const [biz] = await db.query<{ n: string }>('SELECT count(*) AS n FROM bench_business');
          if (row?.n !== biz?.n) throw new Error(`sealed ${row?.n} audit entries for ${biz?.n} business rows`);
          if (!(await verifyAuditChain(db)).ok) throw new Error('chain does not verify');
        }
      } finally {
        await ds.destroy();
        await tdb.drop();
      }
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const fmt = (n: number, d = 0) => n.toFixed(d);

function rotated<T>(xs: readonly T[], by: number): T[] {
  const k = by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, 'scripts', 'register-ts.js'))) throw new Error('scripts/register-ts.js is missing');
  const http: Record<HttpMode, HttpRun[]> = { off: [], interceptor: [], 'in-transaction': [] };
  const tx: Record<Mode, number[]> = { off: [], on: [] };

  // All three servers run side by side and take turns in short bursts, so a change in the
  // machine's load (it is shared) hits neighbouring bursts of every mode alike.
  const servers = await Promise.all(HTTP_MODES.map((m) => startMode(m)));
  try {
    for (const s of servers) await burst(s, 3); // warm-up: JIT, pool, plans
    for (let round = 1; round <= ROUNDS; round++) {
      for (const s of rotated(servers, round - 1)) {
        const h = await burst(s, SECONDS);
        http[s.mode].push(h);
        process.stdout.write(`round ${round} http audit=${s.mode}: ${fmt(h.perSec)} creates/s, p50 ${h.p50} ms, p99 ${h.p99} ms, non-2xx ${h.non2xx}\n`);
      }
    }
    for (const s of servers) {
      if (s.mode === 'interceptor') await expectAllSealed(s.databaseUrl, 'production-order.create');
      if (s.mode === 'in-transaction') await expectAllSealed(s.databaseUrl, 'production-order.created');
    }
  } finally {
    for (const s of servers) await s.stop();
  }

  const targets = { off: await txTarget('off'), on: await txTarget('on') };
  try {
    await targets.off.burst(2000);
    await targets.on.burst(2000);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const mode of rotated(['off', 'on'] as const, round - 1)) {
        const t = await targets[mode].burst(SECONDS * 1000);
        tx[mode].push(t);
        process.stdout.write(`round ${round} tx audit=${mode}: ${fmt(t)} tx/s\n`);
      }
    }
  } finally {
    await targets.off.close();
    await targets.on.close();
  }

  const cores = execSync('nproc').toString().trim();
  const hOff = median(http.off.map((r) => r.perSec));
  const tOff = median(tx.off);
  const tOn = median(tx.on);
  // Per-round ratio against the baseline burst of the same round: robust to drift in machine load.
  const paired = (xs: number[], base: number[]) => median(xs.map((x, i) => x / (base[i] ?? Number.NaN)));
  const hPaired = (m: HttpMode) => paired(http[m].map((r) => r.perSec), http.off.map((r) => r.perSec));
  const tPaired = paired(tx.on, tx.off);
  const section = [
    '<!-- audit-overhead:start -->',
    '## Audit log overhead (`bench/audit-overhead.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)} on ${cores} cores (\`nproc\`), PostgreSQL 15 on the same machine (fsync on), machine shared with other work (load average ${os.loadavg()[0]?.toFixed(1)} at the end); ${ROUNDS} rounds in which the modes take turns (order rotated each round), ${SECONDS} s per burst after warm-up, ${CONNECTIONS} concurrent clients. "paired" = median over rounds of (mode ÷ baseline of the same round), the figure to trust on a noisy machine.`,
    '',
    '### POST /v1/production-orders through the whole API (sealer every 250 ms in each server)',
    '',
    '| auditing | creates/s (median) | p50 ms | p99 ms | non-2xx | ratio (medians) | ratio (paired) | overhead (paired) | per round creates/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...HTTP_MODES.map((m) => {
      const runs = http[m];
      const v = median(runs.map((r) => r.perSec));
      const label = m === 'off' ? 'off (baseline, AUDIT_ENABLED=false)' : m === 'interceptor' ? 'on: AuditWritesInterceptor (own transaction after the order)' : "on: append in the order's transaction";
      const pr = hPaired(m);
      return `| ${label} | ${fmt(v)} | ${median(runs.map((r) => r.p50))} | ${median(runs.map((r) => r.p99))} | ${runs.reduce((a, r) => a + r.non2xx, 0)} | ${fmt(v / hOff, 2)} | ${fmt(pr, 2)} | ${m === 'off' ? '-' : `${fmt((1 - pr) * 100, 1)} %`} | ${runs.map((r) => fmt(r.perSec)).join(', ')} |`;
    }),
    '',
    '### Business insert + `AuditTrail.append` in the same transaction (sealer running every 250 ms)',
    '',
    '| auditing | tx/s (median) | ratio (medians) | ratio (paired) | overhead (paired) | per round tx/s |',
    '|---|---:|---:|---:|---:|---|',
    `| off (baseline) | ${fmt(tOff)} | 1.00 | 1.00 | - | ${tx.off.map((t) => fmt(t)).join(', ')} |`,
    `| on | ${fmt(tOn)} | ${fmt(tOn / tOff, 2)} | ${fmt(tPaired, 2)} | ${fmt((1 - tPaired) * 100, 1)} % | ${tx.on.map((t) => fmt(t)).join(', ')} |`,
    '<!-- audit-overhead:end -->',
  ].join('\n');
  process.stdout.write(`\n${section}\n`);

  const readme = join(REPO_ROOT, 'bench', 'README.md');
  let text = existsSync(readme) ? readFileSync(readme, 'utf8') : `# Benchmarks\n\nMachine: ${cores} cores (\`nproc\`). Each benchmark compares against a baseline measured in the same run.\n`;
  const re = /<!-- audit-overhead:start -->[\s\S]*?<!-- audit-overhead:end -->/;
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(readme, text);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
