import { Injectable } from '@nestjs/common';
import { Db } from '@mw/database';
import { AuditLogRepository } from './audit-log.repository';
import { AuditEntryDto, AuditPageDto } from './dto/audit-entry.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

/** Reads of the audit log for `GET /v1/audit`; the scope check is the whole access rule. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  async search(query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 100;
    const rows = await AuditLogRepository.search(this.db, {
      clientId: query.client,
      action: query.action,
      resource: query.resource,
      outcome: query.outcome,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      afterSeq: query.after === undefined ? undefined : Number(query.after),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => AuditEntryDto.from(r)), nextCursor: rows.length > limit && last ? String(last.seq) : null };
  }
}
