import { createHash } from 'node:crypto';

export type AuditOutcome = 'success' | 'denied' | 'error';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'error'];

/** What a caller hands to `AuditTrail.append`. `changes` is digested, never stored. */
export interface AuditEntryInput {
  /** `<resource-kind>.<verb>`, e.g. `production-order.create`. */
  action: string;
  /** `<collection>/<id>`, e.g. `production-orders/0191…`. */
  resource: string;
  outcome: AuditOutcome;
  /** HTTP status (or an equivalent code) when there is one. */
  status?: number;
  clientId: string;
  requestId?: string;
  /** What changed (request body, patch, before/after); only its salted SHA-256 is kept. */
  changes?: unknown;
}

/** One stored entry, as the chain hashes it. */
export interface AuditRecord {
  seq: number;
  entryId: string;
  at: Date;
  clientId: string;
  action: string;
  resource: string;
  outcome: AuditOutcome;
  status: number | null;
  requestId: string | null;
  digest: string | null;
  prevHash: string;
  hash: string;
}

/** An appended entry before the sealer has given it a place in the chain. */
export type PendingEntry = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/** `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed form ever changes; verifiers branch on it. */
const ENTRY_FORMAT = 1;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted at every depth, so equal values digest equally whatever order the
 * client sent them in. `undefined` members are dropped as JSON.stringify does; non-finite numbers
 * become null, also as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * Digest of what changed, salted with the entry id: whoever holds the change can prove it matches,
 * while equal changes in two entries do not look equal and no precomputed table reverses them.
 * It does not stop a targeted guess of a low-entropy value (see docs/audit.md).
 */
export function changeDigest(entryId: string, changes: unknown): string | null {
  if (changes === undefined) return null;
  return sha256(`${entryId}\n${canonicalJson(changes)}`);
}

/**
 * The hashed form of an entry. `seq` is deliberately left out: position is what the chain links
 * prove, so a moved entry still hashes correctly and shows up as a broken link (reordered), not as
 * altered content.
 */
export function canonicalEntry(e: PendingEntry): string {
  return JSON.stringify([ENTRY_FORMAT, e.entryId, e.at.toISOString(), e.clientId, e.action, e.resource, e.outcome, e.status, e.requestId, e.digest]);
}

/** hash = SHA-256(prev_hash ‖ canonical entry); prev_hash is fixed-width hex, so the join is unambiguous. */
export function entryHash(prevHash: string, e: PendingEntry): string {
  return sha256(prevHash + canonicalEntry(e));
}
