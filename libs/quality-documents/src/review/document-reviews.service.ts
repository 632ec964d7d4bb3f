import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mw/database';
import type { DocumentKind, SpanLabel } from '@mw/extraction';
import { DomainError, ErrorCode, versionEtag, versionFromIfMatch } from '@mw/http';
import { OutboxWriter } from '@mw/outbox';
import { KIND_NAMES, KIND_PATHS, type QualityDocumentDto } from '../documents/dto/quality-document.response';
import { documentReviewedEvent, eventFields } from '../documents/quality-document.events';
import { plantScopeOf, QualityDocumentsRepository } from '../documents/quality-documents.repository';
import { DocumentViewService, type ViewRequest } from '../report/document-view.service';
import { reviewChanges, reviewedFields, type ReviewChanges } from './document-review';
import type { ReviewDocumentDto } from './dto/review-document.dto';


/** The ETag of a document: its review revision. */
export function documentEtag(doc: Pick<QualityDocumentDto, 'review'>): string {
  return versionEtag(doc.review.revision);
}

/** If-Match -> the revision the reviewer saw; a review without one could silently undo another's, so `*` is refused too. */
function revisionFromIfMatch(ifMatch: string | undefined, kind: DocumentKind, id: string): number {
  const invalid = `If-Match does not name a revision of this ${KIND_NAMES[kind]}.`;
  const revision = versionFromIfMatch(ifMatch, { missing: `A review needs If-Match with the ETag from GET /v1/${KIND_PATHS[kind]}/${id}.`, invalid });
  if (revision === '*') throw new DomainError(ErrorCode.PreconditionFailed, invalid);
  return revision;
}

/** Told of each stored review: how the reviewer changed the model's fields (for the review metrics). */
export type ReviewListener = (review: { kind: DocumentKind; modelVersion: string; changes: ReviewChanges }) => void;

/**
 * Human review: a reviewer sends the fields a document really has; they are stored as a new revision
 * beside the model's extraction, the order links follow them, and the review goes to the outbox on the
 * document's topic, all in one transaction.
 */
@Injectable()
export class DocumentReviewsService {
  constructor(
    private readonly repo: QualityDocumentsRepository,
    private readonly outbox: OutboxWriter,
    private readonly uow: UnitOfWork,
    private readonly views: DocumentViewService,
  ) {}

  private readonly listeners: ReviewListener[] = [];

  onReview(listener: ReviewListener): void {
    this.listeners.push(listener);
  }

  /**
   * Stores the review and answers with the document as this viewer may see it, read and audited in
   * the same transaction (the request's unit of work commits after the idempotency record is written).
   */
  async review(view: ViewRequest, dto: ReviewDocumentDto, ifMatch: string | undefined): Promise<QualityDocumentDto> {
    const { principal, kind, id } = view;
    const seen = revisionFromIfMatch(ifMatch, kind, id);
    let stored: { modelVersion: string; changes: ReviewChanges } | undefined;
    const document = await this.uow.run(async (q) => {
      const doc = await this.repo.lockForReview(q, kind, id, plantScopeOf(principal));
      if (doc === undefined) throw new DomainError(ErrorCode.NotFound, `No ${KIND_NAMES[kind]} ${id} is visible to this client.`);
      if (doc.revision !== seen) {
        throw new DomainError(ErrorCode.PreconditionFailed, `This ${KIND_NAMES[kind]} is at revision ${doc.revision}, not ${seen}: GET it again and review what is there now.`);
      }
      const fields = reviewedFields(kind, doc.text, dto.fields, new Date());
      const changes = reviewChanges(doc.fields, fields);
      const revision = doc.revision + 1;
      const spans = dto.fields.map((f) => ({ label: f.name as SpanLabel, start: f.start, end: f.end })).sort((a, b) => a.start - b.start || a.end - b.end);
      const reviewedAt = await this.repo.insertReview(q, {
        documentId: id,
        revision,
        fields,
        spans,
        changes,
        ...(dto.note !== undefined ? { note: dto.note } : {}),
        reviewedBy: principal.clientId,
      });
      const links = await this.repo.ordersNamedBy(q, doc.plant, fields);
      const unlinkedOrderIds = await this.repo.replaceLinks(q, id, kind, links);
      await this.repo.replaceKeys(q, id, fields);
      await this.outbox.enqueue(q, [
        documentReviewedEvent({
          documentId: id,
          plant: doc.plant,
          kind,
          ...(doc.source !== null ? { source: doc.source } : {}),
          modelVersion: doc.modelVersion,
          needsReview: false,
          links,
          fields: eventFields(fields),
          createdAt: doc.createdAt,
          revision,
          unlinkedOrderIds,
          reviewedBy: principal.clientId,
          reviewedAt,
          changes,
        }),
      ]);
      stored = { modelVersion: doc.modelVersion, changes };
      const current = await this.repo.findById(kind, id, plantScopeOf(principal), q);
      if (current === undefined) throw new Error(`document ${id} vanished inside its own transaction`);
      return (await this.views.present(view, current, q)).document;
    });
    const review = stored;
    // Counted once the review is kept: the request's transaction commits after this returns.
    if (review) this.uow.afterCommit(() => this.listeners.forEach((l) => l({ kind, ...review })));
    return document;
  }
}
