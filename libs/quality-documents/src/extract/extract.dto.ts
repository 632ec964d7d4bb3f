import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { DOCUMENT_KINDS } from '../documents/dto/quality-document.response';

export class ExtractRequestDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, description: 'Which field set to extract.' })
  @IsIn(DOCUMENT_KINDS)
  kind!: 'inspection' | 'claim';

  @ApiProperty({ description: 'Plain text; at most EXTRACTION_MAX_TEXT_CHARS characters (else 413).', example: '报案号CLM-2026-004512，损失金额3.5万元' })
  @IsString()
  text!: string;
}
