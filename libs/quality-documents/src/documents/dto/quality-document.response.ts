import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExtractedFieldDto } from './extracted-field.dto';
import { DocumentReviewDto } from '../../review/dto/review.response';

export const DOCUMENT_KINDS = ['inspection', 'claim'] as const;

/** How messages name each kind, and its collection under /v1. */
export const KIND_NAMES = { inspection: 'inspection report', claim: 'claim' } as const;
export const KIND_PATHS = { inspection: 'inspection-reports', claim: 'claims' } as const;
export const MATCHES = ['order_number', 'part_lot'] as const;
export type MatchedBy = (typeof MATCHES)[number];

export class OrderLinkDto {
  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ example: '4700012345' })
  orderNumber!: string;

  @ApiProperty({ enum: MATCHES, description: 'order_number: the document names the order; part_lot: its part and lot number match the order material and lot.' })
  matchedBy!: MatchedBy;
}

export const DUPLICATE_MATCHES = ['same_text', 'claim_number'] as const;

/** Another document that looks like this one sent again. */
export class PossibleDuplicateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DUPLICATE_MATCHES, description: 'same_text: the same text, character for character; claim_number: a claim under the same claim number.' })
  matchedBy!: (typeof DUPLICATE_MATCHES)[number];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ExtractionDto {
  @ApiProperty({ example: 'extractor-2026.11.1' })
  modelVersion!: string;

  @ApiProperty({ example: 4.2 })
  timingMs!: number;

  @ApiProperty()
  needsReview!: boolean;

  @ApiProperty({ type: [ExtractedFieldDto] })
  fields!: ExtractedFieldDto[];
}

export class QualityDocumentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: 'inspection' | 'claim';

  @ApiProperty({ example: 'P100' })
  plant!: string;

  @ApiPropertyOptional()
  source?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  metadata?: Record<string, unknown>;

  @ApiProperty({ enum: ['application/json', 'text/plain', 'application/pdf'], description: 'How the document arrived.' })
  mediaType!: string;

  @ApiPropertyOptional({ description: 'Name of the uploaded file.' })
  fileName?: string;

  @ApiProperty({ description: 'Size of the JSON text or the uploaded file in bytes.' })
  byteSize!: number;

  @ApiProperty({ description: 'The document text the fields point into.' })
  text!: string;

  @ApiProperty({ type: ExtractionDto })
  extraction!: ExtractionDto;

  @ApiProperty({ type: [OrderLinkDto], description: 'Orders the document names: from the reviewed fields once reviewed, else from the extraction.' })
  links!: OrderLinkDto[];

  @ApiProperty({ type: DocumentReviewDto, description: 'Review state; the reviewed fields supersede the extraction, which stays as the model returned it.' })
  review!: DocumentReviewDto;

  @ApiProperty({
    type: [PossibleDuplicateDto],
    description: 'Other documents of this kind and plant that look like this one sent again (the same text, or a claim under the same claim number, reviewed if reviewed); oldest first, at most 20.',
  })
  possibleDuplicates!: PossibleDuplicateDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** A document as listed under an order: no text, the link that brought it there. */
export class LinkedDocumentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: 'inspection' | 'claim';

  @ApiProperty()
  plant!: string;

  @ApiPropertyOptional()
  source?: string;

  @ApiProperty({ enum: MATCHES })
  matchedBy!: MatchedBy;

  @ApiProperty({ type: ExtractionDto, description: "The model's extraction; personal data masked for the viewer as in GET of the document." })
  extraction!: ExtractionDto;

  @ApiProperty({ type: DocumentReviewDto, description: 'Review state; once reviewed, the reviewed fields are what the document says.' })
  review!: DocumentReviewDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class LinkedDocumentListDto {
  @ApiProperty({ type: [LinkedDocumentDto], description: 'Newest first, at most 200.' })
  items!: LinkedDocumentDto[];
}
