import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOSS_CATEGORIES, type LossCategory } from '@mw/extraction';

export class ExtractedFieldDto {
  @ApiProperty({ description: 'Field name (see docs/extraction-taxonomy.md).', example: 'lot_number' })
  name!: string;

  @ApiProperty({
    description: 'Normalised value: a string, a number, a YYYY-MM-DD date, or an object ({value, unit} for measurements and quantities, {value, currency} for amounts); null when the text could not be normalised.',
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'object', additionalProperties: true }],
    example: 'L23-118',
  })
  value!: unknown;

  @ApiProperty({ description: 'The text as written in the document.', example: 'L23-118' })
  text!: string;

  @ApiProperty({ description: 'Start offset in the text (UTF-16 code units).', example: 42 })
  start!: number;

  @ApiProperty({ description: 'End offset in the text, exclusive.', example: 49 })
  end!: number;

  @ApiProperty({
    description:
      'Probability, 0..1, that the field is exactly right (label and extent), calibrated on hand-written documents for the model version (models/MODEL_CARD.md, Confidence); validators lower it further when they object.',
    example: 0.97,
  })
  confidence!: number;

  @ApiProperty({
    enum: ['model', 'rules', 'review'],
    description:
      'Which extractor found the span: the model, or the regex/dictionary rules (chosen per field on the development sets; models/MODEL_CARD.md); `review` when a reviewer marked it (confidence 1).',
    example: 'model',
  })
  source!: 'model' | 'rules' | 'review';

  @ApiProperty({ description: 'True when confidence is below the review threshold (fitted with the calibration) or a validator objected: a person should check it.' })
  needsReview!: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Validator findings that lowered the confidence.', example: ['vin_check_digit'] })
  issues?: string[];

  @ApiPropertyOptional({
    enum: LOSS_CATEGORIES,
    description: 'loss_type only: what the loss is about (docs/extraction-taxonomy.md, Loss categories); `value` keeps the description as written.',
    example: 'collision',
  })
  category?: LossCategory;
}

export class ExtractionResponseDto {
  @ApiProperty({ example: 'extractor-2026.11.1' })
  modelVersion!: string;

  @ApiProperty({ description: 'Time the extraction took, queueing included.', example: 4.2 })
  timingMs!: number;

  @ApiProperty({ description: 'True when any field needs review.' })
  needsReview!: boolean;

  @ApiProperty({ type: [ExtractedFieldDto] })
  fields!: ExtractedFieldDto[];
}
