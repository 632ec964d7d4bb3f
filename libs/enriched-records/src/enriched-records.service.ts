import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@mw/audit';
import { canAccessPlant, Principal } from '@mw/auth';
import { DomainError, ErrorCode } from '@mw/http';
import { Masker, PRIVACY_POLICY, PrivacyContext, privacyContextForRequest, PrivacyPolicy } from '@mw/privacy';
import { EnrichedRecord, RECORD_DATA_CLASSES } from './enriched-record';
import { EnrichedRecordsRepository, FeedPosition } from './enriched-records.repository';
import type { EnrichedRecordDto, FeedPageDto } from './dto/enriched-record.dto';

export interface ReadContext {
  principal: Principal;
  purposeHeader?: string;
  requestId?: string;
}

function encodeCursor(p: FeedPosition): string {
  return Buffer.from(`${p.txid}.${p.seq}`).toString('base64url');
}

function decodeCursor(cursor: string): FeedPosition {
  const m = /^(\d{1,20})\.(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new DomainError(ErrorCode.ValidationFailed, 'after is not a cursor this API issued.', { errors: [{ field: 'after', reason: 'unknown cursor' }] });
  return { txid: m[1] as string, seq: m[2] as string };
}

const hasPersonalData = (r: EnrichedRecord): boolean => r.claims.count > 0 || r.inspections.reports.some((x) => x.inspector !== undefined || x.defectLocation !== undefined);

@Injectable()
export class EnrichedRecordsService {
  constructor(
    private readonly repo: EnrichedRecordsRepository,
    private readonly masker: Masker,
    private readonly audit: AuditTrail,
    @Inject(PRIVACY_POLICY) private readonly policy: PrivacyPolicy,
  ) {}

  /** The caller's role and purpose for masking; a purpose the token does not grant is refused outright. */
  privacyContext(ctx: ReadContext): PrivacyContext {
    return privacyContextForRequest(this.policy, ctx.principal, ctx.purposeHeader);
  }

  mask(record: EnrichedRecord, context: PrivacyContext): EnrichedRecordDto {
    const masked = this.masker.maskRecord(record, RECORD_DATA_CLASSES, context);
    return { ...(masked.value as EnrichedRecord), masking: { role: context.role, purpose: context.purpose, fields: masked.masked } } as unknown as EnrichedRecordDto;
  }

  /** Weak ETag: the record version and the masking context (different viewers see different bytes). */
  etag(record: EnrichedRecord, context: PrivacyContext): string {
    const viewer = createHash('sha256').update(`${context.role}|${context.purpose}`).digest('base64url').slice(0, 8);
    return `W/"${record.version}-${viewer}"`;
  }

  async get(orderId: string, ctx: ReadContext): Promise<{ record: EnrichedRecord; context: PrivacyContext }> {
    const plants = ctx.principal.plants.includes('*') ? null : ctx.principal.plants;
    const record = await this.repo.find(orderId, plants);
    if (record === undefined) throw new DomainError(ErrorCode.NotFound, `No enriched record for order ${orderId} is visible to this client.`);
    return { record, context: this.privacyContext(ctx) };
  }

  async auditRead(records: EnrichedRecord[], resource: string, ctx: ReadContext, context: PrivacyContext): Promise<void> {
    if (!records.some(hasPersonalData)) return;
    await this.audit.recordRead({
      action: 'enriched-record.read',
      resource,
      outcome: 'success',
      status: 200,
      clientId: ctx.principal.clientId,
      requestId: ctx.requestId,
      changes: { orders: records.map((r) => `${r.orderId}@${r.version}`), role: context.role, purpose: context.purpose },
    });
  }

  async feed(query: { plant?: string; after?: string; limit?: number; wait?: number }, ctx: ReadContext): Promise<FeedPageDto> {
    if (query.plant !== undefined && !canAccessPlant(ctx.principal, query.plant)) {
      throw new DomainError(ErrorCode.Forbidden, `This client is not bound to plant ${query.plant}.`);
    }
    const context = this.privacyContext(ctx);
    const plants = ctx.principal.plants.includes('*') ? null : ctx.principal.plants;
    const after = query.after === undefined ? undefined : decodeCursor(query.after);
    const limit = query.limit ?? 100;
    const deadline = Date.now() + (query.wait ?? 0) * 1000;
    let rows = await this.repo.feed(plants, query.plant, after, limit);
    // Long poll: re-check a few times a second until something arrives or the wait is over.
    while (rows.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, deadline - Date.now()))));
      rows = await this.repo.feed(plants, query.plant, after, limit);
    }
    const items = rows.map((row) => ({
      cursor: encodeCursor({ txid: row.txid, seq: row.seq }),
      changedAt: new Date(row.changed_at).toISOString(),
      record: this.mask(row.record, context),
    }));
    const last = items[items.length - 1];
    await this.auditRead(
      rows.map((r) => r.record),
      `enriched-records?plant=${query.plant ?? '*'}`,
      ctx,
      context,
    );
    return { items, nextCursor: last ? last.cursor : (query.after ?? null) };
  }
}
