import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LOSS_CATEGORIES, type LossCategory } from '@mw/extraction';
import { PageLimit } from '@mw/http';
import { REVIEW_STATUSES, type ReviewStatus } from '../../review/dto/review.response';

/** An identifier to search documents by: optional, a string of 1 to 100 characters. */
const IdentifierFilter = (description: string, example: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ maxLength: 100, description, example }), IsOptional(), IsString(), Length(1, 100));

/**
 * Filters of a document listing: the review queue (`reviewStatus=pending`), the traceability
 * search (every document naming a lot, part, order, serial, claim or policy number) and, for
 * claims, the loss category.
 */
export class DocumentListQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, description: 'Only documents in this review state (`pending` is the review queue); all when absent.' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  reviewStatus?: ReviewStatus;

  @ApiPropertyOptional({ description: 'Only this plant (one the client is bound to).', example: 'P100' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  plant?: string;

  @IdentifierFilter('Documents naming this production order number (inspection reports).', '4711000123')
  orderNumber?: string;

  @IdentifierFilter('Documents naming this part number; case, spaces and hyphens do not matter.', 'HX-2210')
  partNumber?: string;

  @IdentifierFilter('Documents naming this lot or batch number; case, spaces and hyphens do not matter.', 'L23-118')
  lotNumber?: string;

  @IdentifierFilter('Documents naming this serial number or VIN (claims).', 'LSVAM4187C2184847')
  serialNumber?: string;

  @IdentifierFilter('Documents naming this claim number (claims).', 'CLM-2026-004512')
  claimNumber?: string;

  @IdentifierFilter('Documents naming this policy number (claims).', 'POL-88231-A')
  policyNumber?: string;

  @ApiPropertyOptional({ enum: LOSS_CATEGORIES, description: 'Claims with a loss of this category (docs/extraction-taxonomy.md, Loss categories).', example: 'fire' })
  @IsOptional()
  @IsIn(LOSS_CATEGORIES)
  lossCategory?: LossCategory;

  @ApiPropertyOptional({ description: "Documents after this id: pass the previous page's `next`.", format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: "after must be a document id (the previous page's next)" })
  after?: string;

  @PageLimit(50, 200)
  limit?: number;
}

/** A listed document: no text and no field values (GET the document for those, masked for you). */
export class DocumentListItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['inspection', 'claim'] })
  kind!: 'inspection' | 'claim';

  @ApiProperty()
  plant!: string;

  @ApiPropertyOptional()
  source?: string;

  @ApiProperty({ enum: REVIEW_STATUSES })
  reviewStatus!: ReviewStatus;

  @ApiProperty({ description: 'Review revision (0 before any review).' })
  revision!: number;

  @ApiProperty()
  modelVersion!: string;

  @ApiProperty({ description: 'Names of the extracted fields flagged for review.', type: [String], example: ['lot_number'] })
  flaggedFields!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DocumentListDto {
  @ApiProperty({ type: [DocumentListItemDto], description: 'Oldest first.' })
  items!: DocumentListItemDto[];

  @ApiPropertyOptional({ description: 'Pass as `after` for the next page; absent on the last page.' })
  next?: string;
}
