import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageLimit } from '@mw/http';

export class MaskedFieldDto {
  @ApiProperty({ example: 'claims.items[0].claimant.phone' }) path!: string;
  @ApiProperty({ example: 'phone' }) dataClass!: string;
  @ApiProperty({ example: 'mask', description: 'show, replace, mask, redact, hash, encrypt, deny or detect' }) op!: string;
  @ApiProperty({ example: 'role=mes purpose=production class=phone -> mask(keepLast=4)' }) reason!: string;
}

export class MaskingDto {
  @ApiProperty({ nullable: true, type: String, example: 'mes' }) role!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'production' }) purpose!: string | null;
  @ApiProperty({ type: [MaskedFieldDto] }) fields!: MaskedFieldDto[];
}

/** Reports and affected quantity summed over reports, per defect type. */
export interface DefectCountDto {
  reports: number;
  quantity: number;
}

export class InspectionsDto {
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Reports with a field flagged for review.' }) needsReview!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { reports: { type: 'integer' }, quantity: { type: 'number' } }, required: ['reports', 'quantity'] },
    example: { scratch: { reports: 2, quantity: 7 } },
  })
  defectsByType!: Record<string, DefectCountDto>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { major: 1 } }) severities!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { rework: 1 } }) dispositions!: Record<string, number>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'One summary per linked report (defect types, quantity, severity, disposition, lot, part, inspector, date).' })
  reports!: Record<string, unknown>[];
}

export class ClaimsDto {
  @ApiProperty() count!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Linked claims per loss category of their loss_type (docs/extraction-taxonomy.md); claims without one are not counted.',
    example: { collision: 2, water: 1 },
  })
  byLossCategory!: Record<string, number>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'One summary per linked claim; claimant and location are masked per the caller\'s role and purpose.' })
  items!: Record<string, unknown>[];
}

export class EnrichedRecordDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() plant!: string;
  @ApiProperty() orderNumber!: string;
  @ApiProperty({ example: 'IN_PROGRESS' }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) material!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) quantity!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) scheduledStart!: string;
  @ApiProperty({ format: 'date-time' }) scheduledEnd!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Confirmation totals: yield, scrap, confirmations.' }) totals!: Record<string, number>;
  @ApiProperty() orderVersion!: number;
  @ApiProperty({ type: InspectionsDto }) inspections!: InspectionsDto;
  @ApiProperty({ type: ClaimsDto }) claims!: ClaimsDto;
  @ApiProperty({ description: 'Record version; increases with every change.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: MaskingDto, description: 'Which fields were masked for this caller, and why.' }) masking!: MaskingDto;
}

export class FeedItemDto {
  @ApiProperty({ description: 'Cursor positioned just after this change.' }) cursor!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty({ type: EnrichedRecordDto }) record!: EnrichedRecordDto;
}

export class FeedPageDto {
  @ApiProperty({ type: [FeedItemDto] }) items!: FeedItemDto[];
  @ApiProperty({ description: 'Pass as `after` to continue; equals the request\'s cursor when nothing new arrived.', nullable: true, type: String })
  nextCursor!: string | null;
}

export class FeedQuery {
  @ApiPropertyOptional({ description: 'Only this plant (must be one of the caller\'s).', example: 'P100' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  plant?: string;

  @ApiPropertyOptional({ description: 'Cursor from a previous page; absent = from the beginning.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'after is not a cursor this API issued' })
  after?: string;

  @PageLimit(100, 1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Long poll: wait up to this many seconds for a change when none is pending (max 30).', default: 0, minimum: 0, maximum: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  wait?: number;
}
