import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { versionEtag, versionFromIfMatch } from '@mw/http';
import { ConfirmationDto, CreateConfirmationDto } from './dto/confirmation.dto';
import { ListProductionOrdersQuery } from './dto/list-production-orders.query';
import { CreateProductionOrderDto } from './dto/production-order.dto';
import { ProductionOrderDto, ProductionOrderPageDto } from './dto/production-order.response';
import { PatchProductionOrderDto } from './dto/patch-production-order.dto';
import { OrderAction } from './production-order.state';
import { ProductionOrdersService } from './production-orders.service';
import { OrderIdPipe } from './order-id.pipe';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: true, description: 'Unique per logical request; reuse it when retrying.' };

function etagOf(order: ProductionOrderDto): string {
  return versionEtag(order.version);
}

@ApiTags('production-orders')
@ApiBearerAuth()
@Controller('v1/production-orders')
export class ProductionOrdersController {
  constructor(private readonly orders: ProductionOrdersService) {}

  @Post()
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Create a production order', operationId: 'createProductionOrder' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: ProductionOrderDto, description: 'Created; Location and ETag headers set.' })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateProductionOrderDto, @Res({ passthrough: true }) res: Response): Promise<ProductionOrderDto> {
    const order = await this.orders.create(principal, dto);
    res.status(201).setHeader('location', `/v1/production-orders/${order.id}`).setHeader('etag', etagOf(order));
    return order;
  }

  @Get()
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'List production orders (cursor pagination)', operationId: 'listProductionOrders' })
  @ApiOkResponse({ type: ProductionOrderPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListProductionOrdersQuery): Promise<ProductionOrderPageDto> {
    return this.orders.list(principal, query);
  }

  @Get(':id')
  @RequireScopes('orders:read')
  @ApiOperation({ summary: 'Get a production order', operationId: 'getProductionOrder' })
  @ApiOkResponse({ type: ProductionOrderDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', OrderIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ProductionOrderDto> {
    const order = await this.orders.get(principal, id);
    res.setHeader('etag', etagOf(order));
    return order;
  }

  @Patch(':id')
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Change an order with a JSON merge patch (RFC 7396); requires If-Match', operationId: 'patchProductionOrder' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from the last GET.' })
  @ApiBody({ type: PatchProductionOrderDto })
  @ApiOkResponse({ type: ProductionOrderDto })
  async patch(
    @CurrentPrincipal() principal: Principal,
    @Param('id', OrderIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() patch: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProductionOrderDto> {
    let version = versionFromIfMatch(ifMatch, {
      missing: `PATCH needs If-Match with the ETag from GET /v1/production-orders/${id}.`,
      invalid: 'If-Match does not name a current ETag of this order.',
    });
    if (version === '*') version = (await this.orders.get(principal, id)).version;
    const order = await this.orders.patch(principal, id, version, patch);
    res.setHeader('etag', etagOf(order));
    return order;
  }

  @Post(':id/release')
  @HttpCode(200)
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Release the order to production (CREATED -> RELEASED)', operationId: 'releaseProductionOrder' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ProductionOrderDto })
  release(@CurrentPrincipal() p: Principal, @Param('id', OrderIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ProductionOrderDto> {
    return this.transition(p, id, 'release', res);
  }

  @Post(':id/start')
  @HttpCode(200)
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Start production (RELEASED -> IN_PROGRESS)', operationId: 'startProductionOrder' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ProductionOrderDto })
  start(@CurrentPrincipal() p: Principal, @Param('id', OrderIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ProductionOrderDto> {
    return this.transition(p, id, 'start', res);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Complete production (IN_PROGRESS -> COMPLETED)', operationId: 'completeProductionOrder' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ProductionOrderDto })
  complete(@CurrentPrincipal() p: Principal, @Param('id', OrderIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ProductionOrderDto> {
    return this.transition(p, id, 'complete', res);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScopes('orders:write')
  @ApiOperation({ summary: 'Cancel the order (from CREATED or RELEASED)', operationId: 'cancelProductionOrder' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: ProductionOrderDto })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', OrderIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ProductionOrderDto> {
    return this.transition(p, id, 'cancel', res);
  }

  @Post(':id/confirmations')
  @RequireScopes('confirmations:write')
  @ApiOperation({ summary: 'Report production performance for an operation (yield, scrap)', operationId: 'createConfirmation' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiCreatedResponse({ type: ConfirmationDto })
  async confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('id', OrderIdPipe) id: string,
    @Body() dto: CreateConfirmationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConfirmationDto> {
    const confirmation = await this.orders.confirm(principal, id, dto);
    res.status(201).setHeader('location', `/v1/production-orders/${id}/confirmations/${confirmation.id}`);
    return confirmation;
  }

  @Get(':id/confirmations')
  @RequireScopes('orders:read')
  @ApiOperation({ summary: "List an order's confirmations", operationId: 'listConfirmations' })
  @ApiOkResponse({ type: [ConfirmationDto] })
  confirmations(@CurrentPrincipal() principal: Principal, @Param('id', OrderIdPipe) id: string): Promise<ConfirmationDto[]> {
    return this.orders.confirmations(principal, id);
  }

  private async transition(p: Principal, id: string, action: OrderAction, res: Response): Promise<ProductionOrderDto> {
    const order = await this.orders.transition(p, id, action);
    res.setHeader('etag', etagOf(order));
    return order;
  }
}
