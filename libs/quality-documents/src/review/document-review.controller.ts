import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res, Type as ClassType } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, RequireScopes } from '@mw/auth';
import { UuidParamPipe } from '../documents/document-id.pipe';
import { CLAIMS, type DocumentRoute, INSPECTION_REPORTS } from '../documents/document-routes';
import type { RequestWithUpload } from '../documents/document-upload.guard';
import { QualityDocumentDto } from '../documents/dto/quality-document.response';
import { documentEtag, DocumentReviewsService } from './document-reviews.service';
import { ReviewDocumentDto } from './dto/review-document.dto';

/** The review endpoint of one document kind (POST .../{id}/review): inspection reports and claims get it from one definition. */
function reviewController(route: DocumentRoute): ClassType<unknown> {
  @ApiTags(route.path)
  @ApiBearerAuth()
  @Controller(`v1/${route.path}`)
  class ReviewController {
    constructor(readonly reviews: DocumentReviewsService) {}

    @Post(':id/review')
    @HttpCode(200)
    @RequireScopes(route.write)
    @ApiOperation({
      summary: 'Review the extraction: send every field the document has (name and offsets in its text); links to orders follow the reviewed fields',
      operationId: `review${route.names.one}`,
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
      const document = await this.reviews.review({ principal, kind: route.kind, id, purposeHeader: purpose, requestId: req.requestId, action: route.readAction }, dto, ifMatch);
      res.setHeader('etag', documentEtag(document));
      return document;
    }
  }
  Object.defineProperty(ReviewController, 'name', { value: `${route.names.one}ReviewController` });
  return ReviewController;
}

export const InspectionReportReviewController = reviewController(INSPECTION_REPORTS);
export const ClaimReviewController = reviewController(CLAIMS);
