import type { Db, Queryable } from '@mw/database';
import { AuditRecord, entryHash, GENESIS_HASH } from './audit-entry';
import { AuditHead, AuditLogRepository } from './audit-log.repository';

/**
 * - hash-mismatch: the entry's content no longer matches its own hash (edited in place).
 * - prev-hash-mismatch: the entry is intact but its predecessor is not the entry it was chained to,
 *   and that entry exists nowhere in the log (predecessor edited and re-hashed, or removed and the
 *   log renumbered).
 * - gap: a seq is missing (entry deleted).
 * - reordered: the entry is intact but its real predecessor sits later in the log.
 * - inserted: entries sit between an entry and its real predecessor, or beyond the head: they were
 *   not appended through AuditTrail.
 * - truncated: the head (or an anchor) records entries that are no longer there.
 * - head-mismatch: the last entry is not the one the head records.
 * - anchor-mismatch: an entry differs from an externally recorded anchor (chain rewritten).
 */
export type AuditBreakReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'reordered' | 'inserted' | 'truncated' | 'head-mismatch' | 'anchor-mismatch';

export interface AuditChainBreak {
  /** The first seq at which the log stops being what was appended. */
  seq: number;
  reason: AuditBreakReason;
  detail: string;
}

/** A head recorded outside the database (log line, ticket, another system). */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export interface VerifyOptions {
  from?: number;
  to?: number;
  anchors?: readonly AuditAnchor[];
  batchSize?: number;
}

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  firstSeq?: number;
  lastSeq?: number;
  /** Hash of the last entry checked: record it as an anchor. */
  lastHash?: string;
  head: AuditHead;
  /** Entries appended but not yet chained (not covered by this check); a growing count means no sealer runs. */
  pending: { count: number; oldest: Date | null };
  firstBreak?: AuditChainBreak;
}

async function check(q: Queryable, opts: VerifyOptions): Promise<AuditChainReport> {
  const head = await AuditLogRepository.head(q);
  const pending = await AuditLogRepository.pendingStats(q);
  const from = Math.max(1, opts.from ?? 1);
  const batch = opts.batchSize ?? 1000;
  const anchors = new Map((opts.anchors ?? []).map((a) => [a.seq, a.hash.toLowerCase()]));
  let checked = 0;
  let firstSeq: number | undefined;
  let expected = from;
  let prevHash = GENESIS_HASH;
  const report = (firstBreak?: AuditChainBreak): AuditChainReport => ({
    ok: firstBreak === undefined,
    checked,
    ...(firstSeq !== undefined ? { firstSeq, lastSeq: expected - 1, lastHash: prevHash } : {}),
    head,
    pending,
    ...(firstBreak ? { firstBreak } : {}),
  });

  if (from > 1) {
    const before = await AuditLogRepository.bySeq(q, from - 1);
    if (before === undefined) {
      if (from - 1 <= head.seq) return report({ seq: from - 1, reason: 'gap', detail: `entry ${from - 1}, the predecessor of the first entry to check, is missing` });
    } else {
      prevHash = before.hash;
    }
  }

  const linkBreak = async (r: AuditRecord): Promise<AuditChainBreak> => {
    const at = await AuditLogRepository.seqOfHash(q, r.prevHash);
    if (at !== undefined && at > r.seq - 1) {
      return { seq: r.seq, reason: 'reordered', detail: `entry ${r.seq} is intact but was chained after the entry now at seq ${at}` };
    }
    if (at !== undefined && at < r.seq - 1) {
      return {
        seq: at + 1,
        reason: 'inserted',
        detail: `entry ${r.seq} was chained directly after entry ${at}; ${at + 1 === r.seq - 1 ? `entry ${at + 1} is` : `entries ${at + 1}..${r.seq - 1} are`} not part of the chain`,
      };
    }
    return {
      seq: r.seq,
      reason: 'prev-hash-mismatch',
      detail: `entry ${r.seq} is intact but its predecessor is gone: entry ${r.seq - 1} was altered and re-hashed, or an entry was removed and the log renumbered`,
    };
  };

  for (;;) {
    const rows = await AuditLogRepository.page(q, expected - 1, batch, opts.to);
    for (const r of rows) {
      if (r.seq !== expected) {
        return report({ seq: expected, reason: 'gap', detail: r.seq - 1 === expected ? `entry ${expected} is missing` : `entries ${expected}..${r.seq - 1} are missing` });
      }
      if (entryHash(r.prevHash, r) !== r.hash) {
        return report({ seq: r.seq, reason: 'hash-mismatch', detail: `entry ${r.seq} does not match its hash: its content was altered` });
      }
      if (r.prevHash !== prevHash) return report(await linkBreak(r));
      const anchored = anchors.get(r.seq);
      if (anchored !== undefined && anchored !== r.hash) {
        return report({ seq: r.seq, reason: 'anchor-mismatch', detail: `entry ${r.seq} hashes to ${r.hash}, the anchor recorded ${anchored}: the chain up to here was rewritten` });
      }
      firstSeq ??= r.seq;
      prevHash = r.hash;
      expected++;
      checked++;
    }
    if (rows.length < batch) break;
  }

  const last = expected - 1;
  const missingAnchor = [...anchors.keys()].filter((s) => s > last && s >= from && (opts.to === undefined || s <= opts.to)).sort((a, b) => a - b)[0];
  if (missingAnchor !== undefined) {
    return report({ seq: expected, reason: 'truncated', detail: `an anchor records entry ${missingAnchor}, the log ends at ${last}` });
  }
  if (opts.to === undefined) {
    if (head.seq > last) return report({ seq: expected, reason: 'truncated', detail: `the head records ${head.seq} entries, the log ends at ${last}` });
    if (head.seq < last) return report({ seq: head.seq + 1, reason: 'inserted', detail: `entries ${head.seq + 1}..${last} lie beyond the head` });
    if (last >= from && head.hash !== prevHash) {
      return report({ seq: last, reason: 'head-mismatch', detail: `entry ${last} hashes to ${prevHash}, the head records ${head.hash}` });
    }
  }
  return report();
}

/**
 * Walks the chain in seq order from one consistent snapshot (appends that commit meanwhile are not
 * seen, so they cannot look like tampering) and stops at the first break.
 */
export function verifyAuditChain(db: Db, opts: VerifyOptions = {}): Promise<AuditChainReport> {
  return db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return check(q, opts);
  });
}
