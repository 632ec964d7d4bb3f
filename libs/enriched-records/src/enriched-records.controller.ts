import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { OrderIdPipe } from '@mw/production-orders';
import { EnrichedRecordDto, FeedPageDto, FeedQuery } from './dto/enriched-record.dto';
import { EnrichedRecordsService } from './enriched-records.service';

const PURPOSE_HEADER = {
  name: 'Data-Purpose',
  required: false,
  description: 'Why you read personal data (one of the purposes your token grants); required when it grants several.',
};

@ApiTags('enriched-records')
@ApiBearerAuth()
@RequireScopes('records:read')
@Controller('v1/enriched-records')
export class EnrichedRecordsController {
  constructor(private readonly records: EnrichedRecordsService) {}

  @Get()
  @ApiOperation({ summary: 'Change feed of enriched records, in commit order, with long polling', operationId: 'enrichedRecordsFeed' })
  @ApiHeader(PURPOSE_HEADER)
  @ApiOkResponse({ type: FeedPageDto })
  feed(@CurrentPrincipal() principal: Principal, @Query() query: FeedQuery, @Headers('data-purpose') purpose: string | undefined, @Req() req: Request): Promise<FeedPageDto> {
    return this.records.feed(query, { principal, purposeHeader: purpose, requestId: req.requestId });
  }

  @Get(':orderId')
  @ApiOperation({ summary: 'One production order with status, totals, inspection findings and traced claims', operationId: 'getEnrichedRecord' })
  @ApiHeader(PURPOSE_HEADER)
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiOkResponse({ type: EnrichedRecordDto })
  @ApiResponse({ status: 304, description: 'Not modified for this caller.' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId', OrderIdPipe) orderId: string,
    @Headers('data-purpose') purpose: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrichedRecordDto | undefined> {
    const ctx = { principal, purposeHeader: purpose, requestId: req.requestId };
    const { record, context } = await this.records.get(orderId, ctx);
    const etag = this.records.etag(record, context);
    res.setHeader('etag', etag);
    res.setHeader('vary', 'Authorization, Data-Purpose, Accept-Encoding');
    res.setHeader('cache-control', 'private, no-cache');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').map((s) => s.trim()).some((t) => t === etag || t === '*' || t.replace(/^W\//, '') === etag.replace(/^W\//, ''))) {
      res.status(304);
      return undefined;
    }
    await this.records.auditRead([record], `enriched-records/${orderId}`, ctx, context);
    return this.records.mask(record, context);
  }
}
