import { Client } from 'pg';
import { eventually } from '@mw/testing';
import type { LoadGenerator } from './load-generator';

const ORDER_TOPICS = ['erp.production-orders.v1', 'mes.confirmations.v1'];

export interface InvariantReport {
  ok: boolean;
  problems: string[];
  convergedMs: number;
  figures: { orders: number; confirmations: number; inspections: number; events: number; applied: number; abandoned: number };
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  // A fresh connection per check: the suite restarts PostgreSQL under its own feet.
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The "nothing lost, nothing twice" check after a fault, run with the load paused: every
 * acknowledged write is in PostgreSQL exactly once and in the state the client was told; rows the
 * client was never told about can only come from writes it abandoned; the outbox is fully sent;
 * the mes-projection consumer applied every order event exactly once and agrees with the orders.
 */
export async function checkOnce(url: string, gen: LoadGenerator): Promise<{ problems: string[]; figures: InvariantReport['figures'] }> {
  return withClient(url, async (c) => {
    const problems: string[] = [];
    const abandonedCreates = new Set(gen.abandoned.filter((a) => a.op === 'create').map((a) => a.orderNumber));
    const touchedByAbandoned = new Set(gen.abandoned.filter((a) => a.op !== 'create').map((a) => a.last));

    const orders = (await c.query<{ id: string; order_number: string; status: string; version: number; confirmation_count: number }>(`SELECT id, order_number, status, version, confirmation_count FROM production_orders`)).rows;
    const byId = new Map(orders.map((o) => [o.id, o]));
    let missing = 0;
    let drift = 0;
    for (const [id, acked] of gen.orders) {
      const row = byId.get(id);
      if (!row) {
        missing++;
        if (missing <= 3) problems.push(`acknowledged order ${id} (${acked.orderNumber}) is missing`);
        continue;
      }
      if (touchedByAbandoned.has(id)) continue;
      if (row.status !== acked.status || row.version !== acked.version || row.confirmation_count !== acked.confirmations) {
        drift++;
        if (drift <= 3) problems.push(`order ${id}: database has ${row.status} v${row.version} ${row.confirmation_count} confirmations, client was told ${acked.status} v${acked.version} ${acked.confirmations}`);
      }
    }
    if (missing > 3) problems.push(`${missing} acknowledged orders missing in all`);
    if (drift > 3) problems.push(`${drift} orders differ from what the client was told`);
    const orphans = orders.filter((o) => !gen.orders.has(o.id) && !abandonedCreates.has(o.order_number));
    if (orphans.length > 0) problems.push(`${orphans.length} orders exist that no acknowledged or abandoned create explains (e.g. ${orphans[0]!.order_number})`);
    const dupNumbers = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM production_orders GROUP BY plant, order_number HAVING count(*) > 1) d`)).rows[0]!.n;
    if (dupNumbers > 0) problems.push(`${dupNumbers} order numbers stored twice`);

    const confirmations = (await c.query<{ id: string; order_id: string }>(`SELECT id, order_id FROM order_confirmations`)).rows;
    const confirmationIds = new Set(confirmations.map((r) => r.id));
    const lostConfirmations = [...gen.confirmations.keys()].filter((id) => !confirmationIds.has(id));
    if (lostConfirmations.length > 0) problems.push(`${lostConfirmations.length} acknowledged confirmations missing (e.g. ${lostConfirmations[0]})`);
    const extraConfirmations = confirmations.filter((r) => !gen.confirmations.has(r.id) && !touchedByAbandoned.has(r.order_id));
    if (extraConfirmations.length > 0) problems.push(`${extraConfirmations.length} confirmations exist that the client never got acknowledged`);

    let inspections = 0;
    if (gen.inspections.size > 0 || gen.abandoned.some((a) => a.op === 'inspection')) {
      const rows = (await c.query<{ id: string }>(`SELECT id FROM quality_documents WHERE kind = 'inspection'`)).rows;
      inspections = rows.length;
      const ids = new Set(rows.map((r) => r.id));
      const lost = [...gen.inspections].filter((id) => !ids.has(id));
      if (lost.length > 0) problems.push(`${lost.length} acknowledged inspection reports missing`);
      const extra = rows.length - gen.inspections.size;
      const abandonedInspections = gen.abandoned.filter((a) => a.op === 'inspection').length;
      if (extra < 0 || extra > abandonedInspections) problems.push(`${rows.length} inspection reports stored for ${gen.inspections.size} acknowledged (+${abandonedInspections} abandoned)`);
    }

    const ev = (
      await c.query<{ events: number; distinct_ids: number; pending: number; applied: number; counted: number; dead: number }>(
        `SELECT (SELECT count(*)::int FROM outbox WHERE topic = ANY($1)) AS events,
                (SELECT count(DISTINCT headers->>'ce_id')::int FROM outbox WHERE topic = ANY($1)) AS distinct_ids,
                (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS pending,
                (SELECT count(*)::int FROM inbox WHERE consumer = 'mes-projection') AS applied,
                (SELECT coalesce(sum(events_applied), 0)::int FROM mes_order_status) AS counted,
                (SELECT count(*)::int FROM dead_letters) AS dead`,
        [ORDER_TOPICS],
      )
    ).rows[0]!;
    const ackedOrderWrites = gen.orders.size + [...gen.orders.values()].reduce((s, o) => s + (o.version - 1), 0);
    const abandonedOrderWrites = gen.abandoned.filter((a) => a.op !== 'inspection').length;
    if (ev.events < ackedOrderWrites || ev.events > ackedOrderWrites + abandonedOrderWrites) {
      problems.push(`${ev.events} order events in the outbox for ${ackedOrderWrites} acknowledged order writes (+${abandonedOrderWrites} abandoned)`);
    }
    if (ev.distinct_ids !== ev.events) problems.push(`outbox holds ${ev.events} order events but ${ev.distinct_ids} distinct ids`);
    if (ev.pending > 0) problems.push(`${ev.pending} outbox events not yet sent`);
    if (ev.applied !== ev.distinct_ids) problems.push(`mes-projection applied ${ev.applied} events of ${ev.distinct_ids}`);
    if (ev.counted !== ev.distinct_ids) problems.push(`mes_order_status counts ${ev.counted} applications of ${ev.distinct_ids} events`);
    if (ev.dead > 0) problems.push(`${ev.dead} events dead-lettered`);
    const projection = (
      await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM production_orders o LEFT JOIN mes_order_status m ON m.order_id = o.id
          WHERE m.order_id IS NULL OR m.status <> o.status OR m.order_version <> o.version
             OR m.confirmation_count <> o.confirmation_count OR m.yield_total <> o.yield_total`,
      )
    ).rows[0]!.n;
    if (projection > 0) problems.push(`${projection} orders where the MES projection differs from production_orders`);
    return {
      problems,
      figures: { orders: orders.length, confirmations: confirmations.length, inspections, events: ev.events, applied: ev.applied, abandoned: gen.abandoned.length },
    };
  });
}

/** Polls checkOnce until it passes (events still travelling) or the timeout; returns the last verdict. */
export async function checkInvariants(url: string, gen: LoadGenerator, timeoutMs = 120_000): Promise<InvariantReport> {
  const started = Date.now();
  let last: Awaited<ReturnType<typeof checkOnce>> = { problems: ['not checked'], figures: { orders: 0, confirmations: 0, inspections: 0, events: 0, applied: 0, abandoned: 0 } };
  await eventually(
    async () => {
      try {
        last = await checkOnce(url, gen);
      } catch (error) {
        last = { ...last, problems: [`check failed: ${String(error)}`] };
      }
      return last.problems.length === 0;
    },
    timeoutMs,
    1000,
  );
  return { ok: last.problems.length === 0, problems: last.problems, convergedMs: Date.now() - started, figures: last.figures };
}
