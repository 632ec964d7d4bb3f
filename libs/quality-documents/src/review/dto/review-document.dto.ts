import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_REVIEWED_FIELDS } from '../document-review';

/** A field as the reviewer marks it in the stored text. */
export class ReviewedFieldDto {
  @ApiProperty({ description: 'Field name, or `spec_limit` beside an inspection\'s measurement (docs/extraction-taxonomy.md).', example: 'lot_number' })
  @IsString()
  @Length(1, 40)
  name!: string;

  @ApiProperty({ description: 'Start offset in the stored text (UTF-16 code units), as GET returns it.', example: 42 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  start!: number;

  @ApiProperty({ description: 'End offset, exclusive.', example: 49 })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  end!: number;

  @ApiPropertyOptional({
    description: 'The normalised value, only when the normaliser reads the text wrongly (e.g. a month-first date); otherwise the server reads it from the text.',
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'object', additionalProperties: true }],
    example: '2026-03-05',
  })
  @IsOptional()
  @IsDefined()
  value?: unknown;
}

/**
 * A review: the complete field list the document really has. Fields left out are taken out; the
 * model's extraction is kept beside it as it was.
 */
export class ReviewDocumentDto {
  @ApiProperty({ type: [ReviewedFieldDto], description: `Every field of the document (at most ${MAX_REVIEWED_FIELDS}); an empty list says it has none.` })
  @IsArray()
  @ArrayMaxSize(MAX_REVIEWED_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => ReviewedFieldDto)
  fields!: ReviewedFieldDto[];

  @ApiPropertyOptional({ description: 'What the reviewer wants the next reader to know.', maxLength: 2000, example: 'Lot read from the label photo.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
