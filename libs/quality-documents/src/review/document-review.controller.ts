import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res, Type as ClassType } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes, type Scope } from '@mw/auth';
import type { DocumentKind } from '@mw/extraction';
import { UuidParamPipe } from '../documents/document-id.pipe';
import type { RequestWithUpload } from '../documents/document-upload.guard';
import { QualityDocumentDto } from '../documents/dto/quality-document.response';
import { documentEtag, DocumentReviewsService } from './document-reviews.service';
import { ReviewDocumentDto } from './dto/review-document.dto';
import { ReviewQueueQueryDto } from './dto/review-queue-query.dto';
import { ReviewQueueDto } from './dto/review.response';

interface Route {
  kind: DocumentKind;
  path: string;
  tag: string;
  read: Scope;
  write: Scope;
  /** Operation id stem: reviewInspectionReport, listInspectionReportReviewQueue. */
  name: string;
  /** Audit action of the read that returns the reviewed document. */
  action: string;
}

/**
 * The review endpoints of one document kind: the queue (GET on the collection) and the review itself
 * (POST .../{id}/review). Inspection reports and claims get the same pair from one definition.
 */
function reviewController(route: Route): ClassType<unknown> {
  @ApiTags(route.tag)
  @ApiBearerAuth()
  @Controller(`v1/${route.path}`)
  class ReviewController {
    constructor(readonly reviews: DocumentReviewsService) {}

    @Get()
    @RequireScopes(route.read)
    @ApiOperation({ summary: `The review queue: ${route.tag} waiting for review (or in another review state), oldest first`, operationId: `list${route.name}ReviewQueue` })
    @ApiOkResponse({ type: ReviewQueueDto })
    queue(@CurrentPrincipal() principal: Principal, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueueDto> {
      return this.reviews.queue(principal, route.kind, query.reviewStatus ?? 'pending', query.plant, query.after?.toLowerCase(), query.limit ?? 50);
    }

    @Post(':id/review')
    @HttpCode(200)
    @RequireScopes(route.write)
    @ApiOperation({
      summary: 'Review the extraction: send every field the document has (name and offsets in its text); links to orders follow the reviewed fields',
      operationId: `review${route.name}`,
    })
    @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from the last GET (the review revision): a review of an outdated revision is 412.' })
    @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per logical request; reuse it when retrying.' })
    @ApiHeader({ name: 'Data-Purpose', required: false, description: "Why you read personal data (one of your token's purposes)." })
    @ApiOkResponse({ type: QualityDocumentDto, description: 'The document with its review, masked for this client as GET returns it; ETag set.' })
    async review(
      @CurrentPrincipal() principal: Principal,
      @Param('id', UuidParamPipe) id: string,
      @Body() dto: ReviewDocumentDto,
      @Headers('if-match') ifMatch: string | undefined,
      @Headers('data-purpose') purpose: string | undefined,
      @Req() req: RequestWithUpload,
      @Res({ passthrough: true }) res: Response,
    ): Promise<QualityDocumentDto> {
      const document = await this.reviews.review({ principal, kind: route.kind, id, purposeHeader: purpose, requestId: req.requestId, action: route.action }, dto, ifMatch);
      res.setHeader('etag', documentEtag(document));
      return document;
    }
  }
  Object.defineProperty(ReviewController, 'name', { value: `${route.name}ReviewController` });
  return ReviewController;
}

export const InspectionReportReviewController = reviewController({
  kind: 'inspection',
  path: 'inspection-reports',
  tag: 'inspection-reports',
  read: 'inspections:read',
  write: 'inspections:write',
  name: 'InspectionReport',
  action: 'inspection-report.read',
});

export const ClaimReviewController = reviewController({
  kind: 'claim',
  path: 'claims',
  tag: 'claims',
  read: 'claims:read',
  write: 'claims:write',
  name: 'Claim',
  action: 'claim.read',
});
