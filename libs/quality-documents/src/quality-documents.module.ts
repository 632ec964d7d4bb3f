import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { ExtractionModule } from '@mw/extraction';
import { OutboxModule } from '@mw/outbox';
import { DocumentUploadGuard } from './documents/document-upload.guard';
import { ClaimsController, InspectionReportsController } from './documents/documents.controller';
import { PdfTextService, pdfTextSettingsFrom } from './documents/pdf-text.service';
import { QualityDocumentsRepository } from './documents/quality-documents.repository';
import { QualityDocumentsService } from './documents/quality-documents.service';
import { ExtractController } from './extract/extract.controller';
import { LateLinksHandler } from './order-documents/late-links.handler';
import { OrderDocumentsController } from './order-documents/order-documents.controller';
import { DocumentViewService } from './report/document-view.service';
import { ReportsController } from './report/reports.controller';
import { ClaimReviewController, InspectionReportReviewController } from './review/document-review.controller';
import { DocumentReviewsService } from './review/document-reviews.service';

/** Inspection reports and claims: upload, extraction, storage, order links, review, events; plus stateless /v1/extract. */
@Module({
  imports: [ExtractionModule, OutboxModule],
  controllers: [
    InspectionReportsController,
    ClaimsController,
    InspectionReportReviewController,
    ClaimReviewController,
    OrderDocumentsController,
    ExtractController,
    ReportsController,
  ],
  providers: [
    QualityDocumentsService,
    QualityDocumentsRepository,
    DocumentReviewsService,
    DocumentUploadGuard,
    DocumentViewService,
    // PDF uploads are read in worker threads, started on the first PDF.
    { provide: PdfTextService, useFactory: (config: AppConfig) => new PdfTextService(pdfTextSettingsFrom(config)), inject: [APP_CONFIG] },
  ],
  exports: [QualityDocumentsService, DocumentViewService],
})
export class QualityDocumentsModule {}

/** Worker side: links documents to orders that arrive after them (the consumer runner subscribes the handler). */
@Module({ providers: [LateLinksHandler, QualityDocumentsRepository] })
export class QualityDocumentsWorkerModule {}
