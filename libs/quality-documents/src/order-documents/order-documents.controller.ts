import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { UuidParamPipe } from '../documents/document-id.pipe';
import { LinkedDocumentListDto } from '../documents/dto/quality-document.response';
import { QualityDocumentsService } from '../documents/quality-documents.service';

/** Documents linked to an order. Plant access is checked through the order. */
@ApiTags('production-orders')
@ApiBearerAuth()
@Controller('v1/production-orders/:id')
export class OrderDocumentsController {
  constructor(private readonly documents: QualityDocumentsService) {}

  @Get('inspections')
  @RequireScopes('inspections:read')
  @ApiOperation({ summary: 'Inspection reports linked to the order (newest first)', operationId: 'listOrderInspections' })
  @ApiOkResponse({ type: LinkedDocumentListDto })
  listOrderInspections(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<LinkedDocumentListDto> {
    return this.documents.listForOrder(principal, id, 'inspection');
  }

  @Get('claims')
  @RequireScopes('claims:read')
  @ApiOperation({ summary: 'Claim documents linked to the order (newest first)', operationId: 'listOrderClaims' })
  @ApiOkResponse({ type: LinkedDocumentListDto })
  listOrderClaims(@CurrentPrincipal() principal: Principal, @Param('id', UuidParamPipe) id: string): Promise<LinkedDocumentListDto> {
    return this.documents.listForOrder(principal, id, 'claim');
  }
}
