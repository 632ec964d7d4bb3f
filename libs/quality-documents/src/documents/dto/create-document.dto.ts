import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

/**
 * A document sent as JSON. The same fields arrive as form fields in a multipart upload, where the
 * text comes from the uploaded .txt or .pdf instead.
 */
export class CreateDocumentDto {
  @ApiProperty({ description: 'The document text (plain text; at most EXTRACTION_MAX_TEXT_CHARS characters, else 413).', example: 'Order 4700012345, part HX-2210, lot L23-118: 5 pcs scratched, severity major, rework.' })
  @IsString()
  text!: string;

  @ApiProperty({ description: 'Plant the document belongs to; links to production orders are looked up in this plant.', example: 'P100', maxLength: 32 })
  @IsString()
  @Length(1, 32)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { message: 'plant may contain letters, digits, "_" and "-"' })
  plant!: string;

  @ApiPropertyOptional({ description: 'Where the document comes from (system, mailbox, scanner).', example: 'qms-line3', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  source?: string;

  @ApiPropertyOptional({ description: 'Free-form metadata stored with the document (JSON object, at most 8 KiB).', example: { batchRun: 'night' } })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

/** The multipart form of the same request (OpenAPI only). */
export class UploadDocumentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'A .txt (UTF-8 or UTF-16 with BOM) or a .pdf with a text layer.' })
  file!: unknown;

  @ApiProperty({ example: 'P100' })
  plant!: string;

  @ApiPropertyOptional()
  source?: string;

  @ApiPropertyOptional({ description: 'JSON object as a string.' })
  metadata?: string;
}
