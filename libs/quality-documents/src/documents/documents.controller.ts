import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res, Type as ClassType, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { DocumentViewService } from '../report/document-view.service';
import { documentEtag } from '../review/document-reviews.service';
import { DocumentUploadApi } from './document-endpoint';
import { UuidParamPipe } from './document-id.pipe';
import { CLAIMS, type DocumentRoute, INSPECTION_REPORTS } from './document-routes';
import { DocumentUploadGuard, type RequestWithUpload } from './document-upload.guard';
import { CreateDocumentDto } from './dto/create-document.dto';
import { DocumentListDto, DocumentListQueryDto } from './dto/document-list.dto';
import { QualityDocumentDto } from './dto/quality-document.response';
import { QualityDocumentsService } from './quality-documents.service';

/** Submit, list and read one document kind (POST/GET /v1/{path}, GET /v1/{path}/{id}): both kinds from one definition. */
function documentsController(route: DocumentRoute): ClassType<unknown> {
  @ApiTags(route.path)
  @ApiBearerAuth()
  @Controller(`v1/${route.path}`)
  class DocumentsController {
    constructor(
      readonly documents: QualityDocumentsService,
      readonly views: DocumentViewService,
    ) {}

    @Post()
    @RequireScopes(route.write)
    @UseGuards(DocumentUploadGuard)
    @ApiOperation({
      summary: `Submit ${route.words.one} (JSON text, or a .txt/.pdf upload); fields are extracted and linked to orders`,
      operationId: `create${route.names.one}`,
    })
    @DocumentUploadApi()
    @ApiCreatedResponse({ type: QualityDocumentDto, description: 'Stored with its extraction; Location set.' })
    async create(
      @CurrentPrincipal() principal: Principal,
      @Body() dto: CreateDocumentDto,
      @Req() req: RequestWithUpload,
      @Res({ passthrough: true }) res: Response,
    ): Promise<QualityDocumentDto> {
      const doc = await this.documents.create(principal, route.kind, dto, req.documentUpload ?? { mediaType: 'application/json', byteSize: Buffer.byteLength(dto.text) });
      res.status(201).setHeader('location', `/v1/${route.path}/${doc.id}`);
      return doc;
    }

    @Get()
    @RequireScopes(route.read)
    @ApiOperation({
      summary: `List ${route.words.many} oldest first: the review queue (reviewStatus=pending) and the traceability search (every document naming a lot, part, order, serial, claim or policy number)`,
      operationId: `list${route.names.many}`,
    })
    @ApiOkResponse({ type: DocumentListDto })
    list(@CurrentPrincipal() principal: Principal, @Query() query: DocumentListQueryDto): Promise<DocumentListDto> {
      return this.documents.list(principal, route.kind, query);
    }

    @Get(':id')
    @RequireScopes(route.read)
    @ApiOperation({ summary: `Get ${route.words.one} with its stored extraction and order links`, operationId: `get${route.names.one}` })
    @ApiHeader({ name: 'Data-Purpose', required: false, description: 'Why you read personal data (one of your token\'s purposes).' })
    @ApiOkResponse({ type: QualityDocumentDto, description: 'ETag: the review revision (If-Match of a review).' })
    async get(
      @CurrentPrincipal() principal: Principal,
      @Param('id', UuidParamPipe) id: string,
      @Headers('data-purpose') purpose: string | undefined,
      @Req() req: RequestWithUpload,
      @Res({ passthrough: true }) res: Response,
    ): Promise<QualityDocumentDto> {
      // Personal data in the text and fields is masked for this viewer; the read is audited.
      const { document } = await this.views.view({ principal, kind: route.kind, id, purposeHeader: purpose, requestId: req.requestId, action: route.readAction });
      res.setHeader('etag', documentEtag(document));
      return document;
    }
  }
  Object.defineProperty(DocumentsController, 'name', { value: `${route.names.many}Controller` });
  return DocumentsController;
}

export const InspectionReportsController = documentsController(INSPECTION_REPORTS);
export const ClaimsController = documentsController(CLAIMS);
