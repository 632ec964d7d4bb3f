import type { Queryable } from '@mw/database';
import type { AuditOutcome, AuditRecord, PendingEntry } from './audit-entry';

interface AuditRow {
  seq: string | number | bigint;
  entry_id: string;
  at: Date | string;
  client_id: string;
  action: string;
  resource: string;
  outcome: AuditOutcome;
  status: number | null;
  request_id: string | null;
  digest: string | null;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, entry_id, at, client_id, action, resource, outcome, status, request_id, digest, prev_hash, hash';

function toRecord(r: AuditRow): AuditRecord {
  return {
    seq: Number(r.seq),
    entryId: r.entry_id,
    at: r.at instanceof Date ? r.at : new Date(r.at),
    clientId: r.client_id,
    action: r.action,
    resource: r.resource,
    outcome: r.outcome,
    status: r.status === null ? null : Number(r.status),
    requestId: r.request_id,
    digest: r.digest,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditFilter {
  clientId?: string;
  action?: string;
  /** Exact resource, or a prefix when it ends with `*`. */
  resource?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  afterSeq?: number;
  limit: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SQL for audit_log and audit_head. Every method takes the Queryable to run on. */
export const AuditLogRepository = {
  /**
   * Locks the head row until the transaction ends: this is what orders sealing. Undefined when
   * another sealer holds it (it will seal what is pending).
   */
  async tryLockHead(q: Queryable, wait = false): Promise<AuditHead | undefined> {
    const [row] = await q.query<{ seq: string | number; hash: string }>(`SELECT seq, hash FROM audit_head WHERE id FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`);
    return row === undefined ? undefined : { seq: Number(row.seq), hash: row.hash };
  },

  /** The hot path: one plain insert in the caller's transaction, no lock shared with other writers. */
  async insertPending(q: Queryable, e: PendingEntry): Promise<void> {
    await q.query(
      `INSERT INTO audit_pending (entry_id, at, client_id, action, resource, outcome, status, request_id, digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.entryId, e.at, e.clientId, e.action, e.resource, e.outcome, e.status, e.requestId, e.digest],
    );
  },

  /** Committed pending entries in insertion order; the sealer chains them in this order. */
  async pending(q: Queryable, limit: number): Promise<(PendingEntry & { id: string })[]> {
    const rows = await q.query<Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'> & { id: string | number }>(
      `SELECT id, entry_id, at, client_id, action, resource, outcome, status, request_id, digest FROM audit_pending ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      entryId: r.entry_id,
      at: r.at instanceof Date ? r.at : new Date(r.at),
      clientId: r.client_id,
      action: r.action,
      resource: r.resource,
      outcome: r.outcome,
      status: r.status === null ? null : Number(r.status),
      requestId: r.request_id,
      digest: r.digest,
    }));
  },

  async pendingStats(q: Queryable): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await q.query<{ n: string | number; oldest: Date | string | null }>('SELECT count(*) AS n, min(at) AS oldest FROM audit_pending');
    return { count: Number(row?.n ?? 0), oldest: row?.oldest == null ? null : new Date(row.oldest) };
  },

  /** Moves sealed entries from pending into the log and advances the head: three statements, one round trip each. */
  async seal(q: Queryable, pendingIds: string[], records: AuditRecord[]): Promise<void> {
    const last = records[records.length - 1];
    if (last === undefined) return;
    await q.query(
      `INSERT INTO audit_log (${COLUMNS})
       SELECT seq, entry_id, at, client_id, action, resource, outcome, status, request_id, digest, prev_hash, hash
       FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, entry_id uuid, at timestamptz, client_id text, action text, resource text,
            outcome text, status integer, request_id text, digest text, prev_hash text, hash text)`,
      [
        JSON.stringify(
          records.map((r) => ({
            seq: r.seq,
            entry_id: r.entryId,
            at: r.at.toISOString(),
            client_id: r.clientId,
            action: r.action,
            resource: r.resource,
            outcome: r.outcome,
            status: r.status,
            request_id: r.requestId,
            digest: r.digest,
            prev_hash: r.prevHash,
            hash: r.hash,
          })),
        ),
      ],
    );
    await q.query('DELETE FROM audit_pending WHERE id = ANY($1::bigint[])', [pendingIds]);
    await q.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id', [last.seq, last.hash]);
  },

  async head(q: Queryable): Promise<AuditHead> {
    const [row] = await q.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id');
    if (row === undefined) throw new Error('audit_head is missing its row; run the AuditLog migration');
    return { seq: Number(row.seq), hash: row.hash };
  },

  /** Rows in seq order after `afterSeq`, at most `limit`; the verifier pages through with it. */
  async page(q: Queryable, afterSeq: number, limit: number, toSeq?: number): Promise<AuditRecord[]> {
    const rows = await q.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ${toSeq === undefined ? '' : 'AND seq <= $3'} ORDER BY seq LIMIT $2`,
      toSeq === undefined ? [afterSeq, limit] : [afterSeq, limit, toSeq],
    );
    return rows.map(toRecord);
  },

  async bySeq(q: Queryable, seq: number): Promise<AuditRecord | undefined> {
    const [row] = await q.query<AuditRow>(`SELECT ${COLUMNS} FROM audit_log WHERE seq = $1`, [seq]);
    return row === undefined ? undefined : toRecord(row);
  },

  /** Where an entry with this hash sits, if anywhere (only called once a link is already broken). */
  async seqOfHash(q: Queryable, hash: string): Promise<number | undefined> {
    const [row] = await q.query<{ seq: string | number }>('SELECT seq FROM audit_log WHERE hash = $1 ORDER BY seq LIMIT 1', [hash]);
    return row === undefined ? undefined : Number(row.seq);
  },

  async search(q: Queryable, f: AuditFilter): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.clientId !== undefined) add((p) => `client_id = ${p}`, f.clientId);
    if (f.action !== undefined) add((p) => `action = ${p}`, f.action);
    if (f.resource !== undefined) {
      if (f.resource.endsWith('*')) add((p) => `resource LIKE ${p}`, `${escapeLike(f.resource.slice(0, -1))}%`);
      else add((p) => `resource = ${p}`, f.resource);
    }
    if (f.outcome !== undefined) add((p) => `outcome = ${p}`, f.outcome);
    if (f.from !== undefined) add((p) => `at >= ${p}`, f.from);
    if (f.to !== undefined) add((p) => `at < ${p}`, f.to);
    if (f.afterSeq !== undefined) add((p) => `seq > ${p}`, f.afterSeq);
    params.push(f.limit);
    const rows = await q.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  },
};
