import { Inject, Injectable, Optional } from '@nestjs/common';
import { Db, Queryable, uuidv7 } from '@mw/database';
import { AuditEntryInput, AUDIT_OUTCOMES, changeDigest, PendingEntry } from './audit-entry';
import { AuditLogRepository } from './audit-log.repository';
import { AUDIT_SETTINGS, AuditSettings } from './audit-settings';

const ACTION = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** A caller bug, not a runtime condition: the entry would be useless to an auditor. */
export class InvalidAuditEntryError extends Error {
  constructor(reason: string) {
    super(`invalid audit entry: ${reason}`);
    this.name = 'InvalidAuditEntryError';
  }
}

function check(e: AuditEntryInput): void {
  if (!ACTION.test(e.action) || e.action.length > 100) throw new InvalidAuditEntryError(`action "${e.action}" must look like "production-order.create"`);
  if (e.resource.length === 0 || e.resource.length > 300) throw new InvalidAuditEntryError('resource must be 1 to 300 characters');
  if (e.clientId.length === 0 || e.clientId.length > 200) throw new InvalidAuditEntryError('clientId must be 1 to 200 characters');
  if (!AUDIT_OUTCOMES.includes(e.outcome)) throw new InvalidAuditEntryError(`outcome "${String(e.outcome)}" is not one of ${AUDIT_OUTCOMES.join(', ')}`);
  if (e.status !== undefined && !(Number.isInteger(e.status) && e.status >= 0 && e.status < 1000)) throw new InvalidAuditEntryError('status must be an integer code');
  if (e.requestId !== undefined && e.requestId.length > 128) throw new InvalidAuditEntryError('requestId must be at most 128 characters');
}

/**
 * Appends to the audit log. `append` joins the caller's transaction, so the business change and
 * its entry commit or roll back together; it is one plain INSERT into audit_pending, with no lock
 * shared between writers. The sealer (AuditSealer, or `sealAuditEntries`) chains committed
 * entries into audit_log within about AUDIT_SEAL_INTERVAL_MS.
 */
@Injectable()
export class AuditTrail {
  private readonly settings: Pick<AuditSettings, 'enabled'>;

  constructor(
    private readonly db: Db,
    @Optional() @Inject(AUDIT_SETTINGS) settings?: Pick<AuditSettings, 'enabled'>,
  ) {
    this.settings = settings ?? { enabled: true };
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Appends inside the caller's transaction `q`. Resolves to the entry, or undefined when auditing is off. */
  async append(q: Queryable, input: AuditEntryInput): Promise<PendingEntry | undefined> {
    if (!this.settings.enabled) return undefined;
    check(input);
    const entryId = uuidv7();
    const entry: PendingEntry = {
      entryId,
      at: new Date(),
      clientId: input.clientId,
      action: input.action,
      resource: input.resource,
      outcome: input.outcome,
      status: input.status ?? null,
      requestId: input.requestId ?? null,
      digest: changeDigest(entryId, input.changes),
    };
    await AuditLogRepository.insertPending(q, entry);
    return entry;
  }

  /**
   * Records a read of personal data. Reads run outside a transaction, so this opens its own. On
   * embedded PGlite do not call it while the request still holds an open unit of work.
   */
  async recordRead(input: AuditEntryInput): Promise<PendingEntry | undefined> {
    if (!this.settings.enabled) return undefined;
    return this.db.tx((q) => this.append(q, input));
  }

  /** Appends in a transaction of its own (for callers with no business transaction, like the writes interceptor). */
  async appendNow(input: AuditEntryInput): Promise<PendingEntry | undefined> {
    if (!this.settings.enabled) return undefined;
    return this.db.tx((q) => this.append(q, input));
  }
}
