/**
 * Production orders API throughput (issue 2): creates/s and p50/p99 at 10 and 50 connections on
 * real PostgreSQL, idempotent replays/s, and the same app's bare endpoint (/health/live: no auth,
 * no database) in the same run, so the overhead is a ratio. Writes bench/README.md.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/orders-http.ts [--seconds 10] [--api-processes 1]
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { ADMIN_CLIENT, createTestDatabase, fetchToken, productionOrderBody, startServer } from '@mw/testing';
import { arg, machineLine, table, upsertSection } from './lib/report';

interface Result {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(name: string, connections: number, seconds: number, opts: autocannon.Options): Promise<Result> {
  const r = await autocannon({ connections, duration: seconds, ...opts });
  return { name, connections, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 10);
  const machine = machineLine();
  const db = await createTestDatabase('mw_bench');
  // The API role alone: the relay and consumers are measured by bench/relay-kafka.ts.
  const server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '20' }, 'api');
  const token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const createOpts = (): autocannon.Options => ({
    url: `${server.url}/v1/production-orders`,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, headers: { ...auth, 'idempotency-key': randomUUID() }, body: JSON.stringify(productionOrderBody()) }),
      },
    ],
  });
  const replayBody = JSON.stringify(productionOrderBody());
  const replayKey = randomUUID();
  await fetch(`${server.url}/v1/production-orders`, { method: 'POST', headers: { ...auth, 'idempotency-key': replayKey }, body: replayBody });

  const results: Result[] = [];
  await run('warm-up', 10, 3, createOpts());
  for (const c of [10, 50]) {
    results.push(await run('bare endpoint (GET /health/live)', c, seconds, { url: `${server.url}/health/live` }));
    results.push(await run('create order (POST /v1/production-orders)', c, seconds, createOpts()));
    results.push(await run('idempotent replay (same key + body)', c, seconds, { url: `${server.url}/v1/production-orders`, method: 'POST', headers: { ...auth, 'idempotency-key': replayKey }, body: replayBody }));
    results.push(await run('list orders (GET, limit 1)', c, seconds, { url: `${server.url}/v1/production-orders?limit=1`, headers: auth }));
  }
  await server.stop();
  await db.drop();

  const bare = (c: number) => results.find((r) => r.connections === c && r.name.startsWith('bare'))!.rps;
  const rows = results.map((r) => [r.name, r.connections, r.rps, r.p50, r.p99, r.non2xx + r.errors, (r.rps / bare(r.connections)).toFixed(2)]);
  const create50 = results.find((r) => r.connections === 50 && r.name.startsWith('create'))!;
  const md = [
    '## Production orders API (`bench/orders-http.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)}: ${machine}. One API process (\`dist/apps/api\`), PostgreSQL 15 on the same machine, autocannon in the benchmark process, ${seconds} s per row. Baseline: the same app's bare endpoint in the same run.`,
    '',
    table(['workload', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx/errors', 'ratio to bare'], rows),
    '',
    `Target (issue 2): creates >= 1,500/s with p99 < 50 ms at 50 connections. Measured: **${create50.rps}/s, p99 ${create50.p99} ms**.`,
  ].join('\n');
  upsertSection('orders-http', md);
  process.stdout.write(`${md}\n`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
