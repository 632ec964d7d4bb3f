import { Controller, Get, Headers, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { UuidParamPipe } from '../documents/document-id.pipe';
import { LinkedDocumentListDto } from '../documents/dto/quality-document.response';
import type { RequestWithUpload } from '../documents/document-upload.guard';
import { DocumentViewService } from '../report/document-view.service';

const PURPOSE = { name: 'Data-Purpose', required: false, description: "Why you read personal data (one of your token's purposes)." };

/** Documents linked to an order, masked for the viewer. Plant access is checked through the order. */
@ApiTags('production-orders')
@ApiBearerAuth()
@Controller('v1/production-orders/:id')
export class OrderDocumentsController {
  constructor(private readonly views: DocumentViewService) {}

  @Get('inspections')
  @RequireScopes('inspections:read')
  @ApiOperation({ summary: 'Inspection reports linked to the order (newest first)', operationId: 'listOrderInspections' })
  @ApiHeader(PURPOSE)
  @ApiOkResponse({ type: LinkedDocumentListDto })
  listOrderInspections(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('data-purpose') purpose: string | undefined,
    @Req() req: RequestWithUpload,
  ): Promise<LinkedDocumentListDto> {
    return this.views.listForOrder({ principal, kind: 'inspection', orderId: id, purposeHeader: purpose, requestId: req.requestId, action: 'production-order.inspections.read' });
  }

  @Get('claims')
  @RequireScopes('claims:read')
  @ApiOperation({ summary: 'Claim documents linked to the order (newest first)', operationId: 'listOrderClaims' })
  @ApiHeader(PURPOSE)
  @ApiOkResponse({ type: LinkedDocumentListDto })
  listOrderClaims(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('data-purpose') purpose: string | undefined,
    @Req() req: RequestWithUpload,
  ): Promise<LinkedDocumentListDto> {
    return this.views.listForOrder({ principal, kind: 'claim', orderId: id, purposeHeader: purpose, requestId: req.requestId, action: 'production-order.claims.read' });
  }
}
