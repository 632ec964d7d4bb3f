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

@ApiTags('claims')
@ApiBearerAuth()
@Controller('v1/claims')
export class ClaimsController {
  constructor(
    private readonly documents: QualityDocumentsService,
    private readonly views: DocumentViewService,
  ) {}

  @Post()
  @RequireScopes('claims:write')
  @UseGuards(DocumentUploadGuard)
  @ApiOperation({ summary: 'Submit a claim document (JSON text, or a .txt/.pdf upload); fields are extracted and linked to orders', operationId: 'createClaim' })
  @DocumentUploadApi()
  @ApiCreatedResponse({ type: QualityDocumentDto, description: 'Stored with its extraction; Location set.' })
  async createClaim(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDocumentDto,
    @Req() req: RequestWithUpload,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QualityDocumentDto> {
    const doc = await this.documents.create(principal, 'claim', dto, req.documentUpload ?? { mediaType: 'application/json', byteSize: Buffer.byteLength(dto.text) });
    res.status(201).setHeader('location', `/v1/claims/${doc.id}`);
    return doc;
  }

  @Get()
  @RequireScopes('claims:read')
  @ApiOperation({
    summary: 'List claim documents oldest first: the review queue (reviewStatus=pending) and the traceability search (every document naming a lot, part, order, serial, claim or policy number)',
    operationId: 'listClaims',
  })
  @ApiOkResponse({ type: DocumentListDto })
  listClaims(@CurrentPrincipal() principal: Principal, @Query() query: DocumentListQueryDto): Promise<DocumentListDto> {
    return this.documents.list(principal, 'claim', query);
  }

  @Get(':id')
  @RequireScopes('claims:read')
  @ApiOperation({ summary: 'Get a claim document with its stored extraction and order links', operationId: 'getClaim' })
  @ApiHeader({ name: 'Data-Purpose', required: false, description: 'Why you read personal data (one of your token\'s purposes).' })
  @ApiOkResponse({ type: QualityDocumentDto, description: 'ETag: the review revision (If-Match of a review).' })
  async getClaim(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('data-purpose') purpose: string | undefined,
    @Req() req: RequestWithUpload,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QualityDocumentDto> {
    // Personal data in the text and fields is masked for this viewer; the read is audited.
    const { document } = await this.views.view({ principal, kind: 'claim', id, purposeHeader: purpose, requestId: req.requestId, action: 'claim.read' });
    res.setHeader('etag', documentEtag(document));
    return document;
  }
}
