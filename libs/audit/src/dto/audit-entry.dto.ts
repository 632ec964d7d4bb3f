import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_OUTCOMES, AuditOutcome, AuditRecord } from '../audit-entry';

export class AuditEntryDto {
  @ApiProperty({ description: 'Position in the chain; strictly increasing, no gaps.', example: 1201 })
  seq!: number;
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'date-time' })
  at!: string;
  @ApiProperty({ description: 'Client that made the request.', example: 'mes-line-3' })
  client!: string;
  @ApiProperty({ example: 'production-order.create' })
  action!: string;
  @ApiProperty({ example: 'production-orders/01937a52-6c1e-7c4b-9a57-3f0c1b2d4e5f' })
  resource!: string;
  @ApiProperty({ enum: AUDIT_OUTCOMES })
  outcome!: AuditOutcome;
  @ApiPropertyOptional({ description: 'HTTP status of the audited request.', nullable: true, type: Number, example: 201 })
  status!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String })
  requestId!: string | null;
  @ApiPropertyOptional({ description: 'SHA-256 of what changed, salted with the entry id; never the data itself.', nullable: true, type: String })
  digest!: string | null;
  @ApiProperty({ description: 'Hash of the previous entry.' })
  prevHash!: string;
  @ApiProperty({ description: 'SHA-256 of prevHash and this entry.' })
  hash!: string;

  static from(r: AuditRecord): AuditEntryDto {
    return {
      seq: r.seq,
      id: r.entryId,
      at: r.at.toISOString(),
      client: r.clientId,
      action: r.action,
      resource: r.resource,
      outcome: r.outcome,
      status: r.status,
      requestId: r.requestId,
      digest: r.digest,
      prevHash: r.prevHash,
      hash: r.hash,
    };
  }
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items!: AuditEntryDto[];
  @ApiPropertyOptional({ description: 'Pass as `after` to get the next page; null on the last page.', nullable: true, type: String })
  nextCursor!: string | null;
}
