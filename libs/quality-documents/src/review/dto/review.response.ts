import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExtractedFieldDto } from '../../documents/dto/extracted-field.dto';

export const REVIEW_STATUSES = ['pending', 'not_needed', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export class ReviewChangesDto {
  @ApiProperty({ description: 'Model fields kept as they were.' })
  confirmed!: number;

  @ApiProperty({ description: 'Model fields kept with another extent or value.' })
  corrected!: number;

  @ApiProperty({ description: 'Fields the model had not found.' })
  added!: number;

  @ApiProperty({ description: 'Model fields taken out.' })
  removed!: number;
}

/** Where a document stands in review, and the latest review when there is one. */
export class DocumentReviewDto {
  @ApiProperty({ enum: REVIEW_STATUSES, description: 'pending: a field was flagged and nobody has reviewed it; not_needed: nothing was flagged; reviewed: a person reviewed it.' })
  status!: ReviewStatus;

  @ApiProperty({ description: '0 before any review; each review adds one. Send it back as If-Match to review again.', example: 1 })
  revision!: number;

  @ApiPropertyOptional({ type: [ExtractedFieldDto], description: 'The reviewed fields (source `review`, confidence 1): what the document says. The order links follow these.' })
  fields?: ExtractedFieldDto[];

  @ApiPropertyOptional({ type: ReviewChangesDto })
  changes?: ReviewChangesDto;

  @ApiPropertyOptional()
  note?: string;

  @ApiPropertyOptional({ description: 'Client that submitted the review.' })
  reviewedBy?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  reviewedAt?: string;
}
