import type { Db } from '@mw/database';
import { AuditRecord, entryHash } from './audit-entry';
import { AuditLogRepository } from './audit-log.repository';

export interface SealOptions {
  batch?: number;
  /** Wait for a sealer that holds the head instead of leaving the work to it (CLI, tests). */
  wait?: boolean;
}

/**
 * Chains committed pending entries onto the log, oldest first, in batches, until none are left.
 * Sealers in several processes are safe: each batch holds the head row, and a sealer that finds
 * it taken stops (the holder will seal what is pending) unless told to wait. Returns how many it
 * sealed.
 */
export async function sealAuditEntries(db: Db, opts: SealOptions = {}): Promise<number> {
  const batch = opts.batch ?? 1000;
  let total = 0;
  for (;;) {
    const sealed = await db.tx(async (q) => {
      const head = await AuditLogRepository.tryLockHead(q, opts.wait === true);
      if (head === undefined) return -1;
      // Read after taking the lock: entries committed by an earlier sealer are gone from pending.
      const pending = await AuditLogRepository.pending(q, batch);
      let prev = head;
      const records: AuditRecord[] = pending.map(({ id: _id, ...entry }) => {
        const record = { seq: prev.seq + 1, ...entry, prevHash: prev.hash, hash: entryHash(prev.hash, entry) };
        prev = record;
        return record;
      });
      await AuditLogRepository.seal(
        q,
        pending.map((p) => p.id),
        records,
      );
      return records.length;
    });
    if (sealed <= 0) return total;
    total += sealed;
    if (sealed < batch) return total;
  }
}
