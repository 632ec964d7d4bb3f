import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '@mw/auth';
import { IdempotencyOptional } from '@mw/idempotency';
import { ExtractionResponseDto } from '../documents/dto/extracted-field.dto';
import { QualityDocumentsService } from '../documents/quality-documents.service';
import { ExtractRequestDto } from './extract.dto';

@ApiTags('extraction')
@ApiBearerAuth()
@Controller('v1/extract')
export class ExtractController {
  constructor(private readonly documents: QualityDocumentsService) {}

  /** Stateless: nothing is stored, no event; the Idempotency-Key is honoured but optional. */
  @Post()
  @HttpCode(200)
  @RequireScopes('extract')
  @IdempotencyOptional()
  @ApiOperation({ summary: 'Extract the fields of an inspection record or a claim without storing anything', operationId: 'extractFields' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional: a retry with the same key replays the first answer.' })
  @ApiOkResponse({ type: ExtractionResponseDto })
  async extractFields(@Body() dto: ExtractRequestDto): Promise<ExtractionResponseDto> {
    const r = await this.documents.extract(dto.kind, dto.text);
    return { modelVersion: r.modelVersion, timingMs: r.timingMs, needsReview: r.needsReview, fields: r.fields };
  }
}
