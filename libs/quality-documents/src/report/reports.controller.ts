import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import type { DocumentKind } from '@mw/extraction';
import { UuidParamPipe } from '../documents/document-id.pipe';
import { DocumentViewService } from './document-view.service';
import { explain, ExplanationReport, renderReportHtml } from './explanation-report';

const PURPOSE_HEADER = { name: 'Data-Purpose', required: false, description: 'Why you read personal data (one of your token\'s purposes).' };

function wantsJson(req: Request, format: string | undefined): boolean {
  if (format === 'json') return true;
  if (format === 'html') return false;
  return req.accepts(['text/html', 'application/json']) === 'application/json';
}

/**
 * Explanation reports: the document with every extracted span highlighted, its field, normalised
 * value, confidence and model version, and what was masked for this viewer and why. HTML for
 * people (default), JSON for tools (`?format=json` or `Accept: application/json`).
 */
@ApiTags('explanation-reports')
@ApiBearerAuth()
@Controller('v1')
export class ReportsController {
  constructor(private readonly views: DocumentViewService) {}

  @Get('inspection-reports/:id/report')
  @RequireScopes('inspections:read')
  @ApiOperation({ summary: 'Explanation report of an inspection report extraction (HTML or JSON)', operationId: 'inspectionReportExplanation' })
  @ApiHeader(PURPOSE_HEADER)
  @ApiQuery({ name: 'format', required: false, enum: ['html', 'json'] })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({ status: 200, description: 'The report.' })
  inspection(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string, @Headers('data-purpose') purpose: string | undefined, @Query('format') format: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ExplanationReport | string> {
    return this.render(p, 'inspection', id, purpose, format, req, res);
  }

  @Get('claims/:id/report')
  @RequireScopes('claims:read')
  @ApiOperation({ summary: 'Explanation report of a claim document extraction (HTML or JSON)', operationId: 'claimExplanation' })
  @ApiHeader(PURPOSE_HEADER)
  @ApiQuery({ name: 'format', required: false, enum: ['html', 'json'] })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({ status: 200, description: 'The report.' })
  claim(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string, @Headers('data-purpose') purpose: string | undefined, @Query('format') format: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ExplanationReport | string> {
    return this.render(p, 'claim', id, purpose, format, req, res);
  }

  private async render(principal: Principal, kind: DocumentKind, id: string, purpose: string | undefined, format: string | undefined, req: Request, res: Response): Promise<ExplanationReport | string> {
    const view = await this.views.view({ principal, kind, id, purposeHeader: purpose, requestId: req.requestId, action: `${kind === 'claim' ? 'claim' : 'inspection-report'}.report.read` });
    const report = explain(view);
    res.setHeader('vary', 'Accept, Authorization, Data-Purpose');
    res.setHeader('cache-control', 'private, no-store');
    if (wantsJson(req, format)) return report;
    res.type('text/html; charset=utf-8');
    return renderReportHtml(report);
  }
}
