import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { DocumentUploadApi } from '../documents/document-endpoint';
import { UuidParamPipe } from '../documents/document-id.pipe';
import { DocumentUploadGuard, type RequestWithUpload } from '../documents/document-upload.guard';
import { CreateDocumentDto } from '../documents/dto/create-document.dto';
import { DocumentListDto, DocumentListQueryDto } from '../documents/dto/document-list.dto';
import { QualityDocumentDto } from '../documents/dto/quality-document.response';
import { QualityDocumentsService } from '../documents/quality-documents.service';
import { documentEtag } from '../review/document-reviews.service';
import { DocumentViewService } from '../report/document-view.service';

@ApiTags('inspection-reports')
@ApiBearerAuth()
@Controller('v1/inspection-reports')
export class InspectionReportsController {
  constructor(
    private readonly documents: QualityDocumentsService,
    private readonly views: DocumentViewService,
  ) {}

  @Post()
  @RequireScopes('inspections:write')
  @UseGuards(DocumentUploadGuard)
  @ApiOperation({ summary: 'Submit an inspection report (JSON text, or a .txt/.pdf upload); fields are extracted and linked to orders', operationId: 'createInspectionReport' })
  @DocumentUploadApi()
  @ApiCreatedResponse({ type: QualityDocumentDto, description: 'Stored with its extraction; Location set.' })
  async createInspectionReport(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDocumentDto,
    @Req() req: RequestWithUpload,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QualityDocumentDto> {
    const doc = await this.documents.create(principal, 'inspection', dto, req.documentUpload ?? { mediaType: 'application/json', byteSize: Buffer.byteLength(dto.text) });
    res.status(201).setHeader('location', `/v1/inspection-reports/${doc.id}`);
    return doc;
  }

  @Get()
  @RequireScopes('inspections:read')
  @ApiOperation({
    summary: 'List inspection reports oldest first: the review queue (reviewStatus=pending) and the traceability search (every document naming a lot, part, order, serial, claim or policy number)',
    operationId: 'listInspectionReports',
  })
  @ApiOkResponse({ type: DocumentListDto })
  listInspectionReports(@CurrentPrincipal() principal: Principal, @Query() query: DocumentListQueryDto): Promise<DocumentListDto> {
    return this.documents.list(principal, 'inspection', query);
  }

  @Get(':id')
  @RequireScopes('inspections:read')
  @ApiOperation({ summary: 'Get an inspection report with its stored extraction and order links', operationId: 'getInspectionReport' })
  @ApiHeader({ name: 'Data-Purpose', required: false, description: 'Why you read personal data (one of your token\'s purposes).' })
  @ApiOkResponse({ type: QualityDocumentDto, description: 'ETag: the review revision (If-Match of a review).' })
  async getInspectionReport(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('data-purpose') purpose: string | undefined,
    @Req() req: RequestWithUpload,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QualityDocumentDto> {
    // Personal data in the text and fields is masked for this viewer; the read is audited.
    const { document } = await this.views.view({ principal, kind: 'inspection', id, purposeHeader: purpose, requestId: req.requestId, action: 'inspection-report.read' });
    res.setHeader('etag', documentEtag(document));
    return document;
  }
}
