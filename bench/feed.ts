/**
 * Enriched-records change feed (issue 5): records/s a follower pulls over HTTP (against the same
 * query straight on PostgreSQL as the baseline), and the delay from commit to visibility for a
 * long-polling follower while writers commit at a steady rate. Writes bench/README.md.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/feed.ts [--records 20000] [--rate 200] [--seconds 15]
 */
import { Client } from 'pg';
import { ADMIN_CLIENT, createClient, createTestDatabase, fetchToken, startServer } from '@mw/testing';
import { arg, machineLine, table, upsertSection } from './lib/report';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const records = arg('records', 20_000);
  const rate = arg('rate', 200);
  const seconds = arg('seconds', 15);
  const machine = machineLine();
  const db = await createTestDatabase('mw_bench');
  const server = await startServer({ DATABASE_URL: db.url, BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id, BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret, LOG_LEVEL: 'error', AUDIT_ENABLED: 'false' }, 'api');
  const admin = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  const mes = await createClient(server.url, admin, { name: 'bench-mes', scopes: ['records:read'], plants: ['P100'], roles: ['mes'], purposes: ['production'] });
  const token = await fetchToken(server.url, mes.client_id, mes.client_secret);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const sample = (i: number) =>
    JSON.stringify({
      orderId: crypto.randomUUID(), plant: 'P100', orderNumber: `47${i}`, status: 'IN_PROGRESS', material: { code: 'HX-2210' }, quantity: { value: 500, unit: 'PCE' },
      totals: { yield: 120, scrap: 3, confirmations: 2 }, orderVersion: 4, version: 3, updatedAt: new Date().toISOString(),
      inspections: { count: 1, needsReview: 0, defectsByType: { scratch: { reports: 1, quantity: 5 } }, severities: { major: 1 }, dispositions: { rework: 1 }, reports: [{ documentId: crypto.randomUUID(), defectTypes: ['scratch'], inspector: 'John Miller' }] },
      claims: { count: 1, items: [{ documentId: crypto.randomUUID(), claimNumber: 'CLM-1', claimant: { name: 'Wang Fang', phone: '+8613812345678' } }] },
    });
  for (let i = 0; i < records; i += 1000) {
    const values = Array.from({ length: Math.min(1000, records - i) }, (_, k) => sample(i + k));
    await pg.query(`INSERT INTO enriched_record_changes (order_id, plant, version, record) SELECT gen_random_uuid(), 'P100', 1, r::jsonb FROM unnest($1::text[]) AS r`, [values]);
  }

  // 1. Pull throughput: HTTP follower vs the same query on PostgreSQL.
  const pull = async (fetchPage: (after: string | null) => Promise<{ n: number; next: string | null }>) => {
    const started = Date.now();
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { n, next } = await fetchPage(after);
      total += n;
      after = next;
      if (n === 0 || total >= records) break;
    }
    return Math.round(total / ((Date.now() - started) / 1000));
  };
  const httpRate = await pull(async (after) => {
    const res = await fetch(`${server.url}/v1/enriched-records?limit=500${after ? `&after=${after}` : ''}`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } });
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    return { n: page.items.length, next: page.nextCursor };
  });
  const sqlRate = await pull(async (after) => {
    const [tx, seq] = after ? after.split('.') : ['0', '0'];
    const { rows } = await pg.query(
      `SELECT seq::text, txid::text, record FROM enriched_record_changes WHERE plant = 'P100' AND txid < pg_snapshot_xmin(pg_current_snapshot()) AND (txid, seq) > ($1::text::xid8, $2::bigint) ORDER BY txid, seq LIMIT 500`,
      [tx, seq],
    );
    const last = rows[rows.length - 1] as { txid: string; seq: string } | undefined;
    return { n: rows.length, next: last ? `${last.txid}.${last.seq}` : null };
  });

  // 2. Commit-to-visibility delay: writers at a steady rate, a long-polling follower from the head.
  let head: string | null = null;
  for (;;) {
    const res = await fetch(`${server.url}/v1/enriched-records?limit=1000${head ? `&after=${head}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    head = page.nextCursor;
    if (page.items.length === 0) break;
  }
  const committedAt = new Map<string, number>();
  const delays: number[] = [];
  let writing = true;
  const writer = (async () => {
    const until = Date.now() + seconds * 1000;
    let i = 0;
    while (Date.now() < until) {
      const orderNumber = `LIVE-${i++}`;
      await pg.query(`INSERT INTO enriched_record_changes (order_id, plant, version, record) VALUES (gen_random_uuid(), 'P100', 1, $1::jsonb)`, [JSON.stringify({ ...JSON.parse(sample(i)), orderNumber })]);
      committedAt.set(orderNumber, Date.now());
      await new Promise((r) => setTimeout(r, 1000 / rate));
    }
    writing = false;
  })();
  while (writing || delays.length < committedAt.size) {
    const res = await fetch(`${server.url}/v1/enriched-records?limit=500&wait=2${head ? `&after=${head}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { items: { record: { orderNumber: string } }[]; nextCursor: string | null };
    const now = Date.now();
    for (const item of page.items) {
      const t = committedAt.get(item.record.orderNumber);
      if (t !== undefined) delays.push(now - t);
    }
    head = page.nextCursor;
    if (!writing && page.items.length === 0) break;
  }
  await writer;
  delays.sort((a, b) => a - b);
  await pg.end();
  await server.stop();
  await db.drop();

  const md = [
    '## Enriched-records change feed (`bench/feed.ts`)',
    '',
    `Run ${new Date().toISOString().slice(0, 10)}: ${machine}. One API process, PostgreSQL 15 on the same machine; records of ${sample(0).length} bytes, masked per request for role mes / purpose production.`,
    '',
    table(
      ['measure', 'value', 'ratio to baseline'],
      [
        ['pull over HTTP, pages of 500 (records/s)', httpRate, (httpRate / sqlRate).toFixed(2)],
        ['same query on PostgreSQL directly (baseline, records/s)', sqlRate, '1.00'],
        [`commit -> visible to a long-polling follower, p50 ms (${delays.length} records at ${rate}/s)`, percentile(delays, 50), ''],
        ['commit -> visible, p99 ms', percentile(delays, 99), ''],
      ],
    ),
  ].join('\n');
  upsertSection('feed', md);
  process.stdout.write(`${md}\n`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
