import type { DocumentKind, ExtractedField, FieldName, LossCategory } from '@mw/extraction';
import { DomainEvent, TOPICS } from '@mw/outbox';
import type { MatchedBy } from './dto/quality-document.response';
import type { ReviewChanges } from '../review/document-review';

/** Event types (CloudEvents `type`). Consumers branch on these strings; never rename a published one. */
export const DOCUMENT_EVENTS = {
  inspectionExtracted: 'com.millwright.inspection-report.extracted.v1',
  claimExtracted: 'com.millwright.claim.extracted.v1',
  inspectionReviewed: 'com.millwright.inspection-report.reviewed.v1',
  claimReviewed: 'com.millwright.claim.reviewed.v1',
  inspectionLinked: 'com.millwright.inspection-report.linked.v1',
  claimLinked: 'com.millwright.claim.linked.v1',
} as const;

/** Personal-data class (the privacy vocabulary) of fields that carry personal data. */
export const PERSONAL_DATA_FIELDS: Partial<Record<FieldName, 'person_name' | 'national_id' | 'phone' | 'email' | 'address'>> = {
  claimant_name: 'person_name',
  inspector: 'person_name',
  national_id: 'national_id',
  phone: 'phone',
  email: 'email',
  location: 'address',
};

export interface EventField {
  name: FieldName;
  value: unknown;
  confidence: number;
  needsReview: boolean;
  /** Present on fields that carry personal data: the class a masking policy applies to. */
  personalData?: 'person_name' | 'national_id' | 'phone' | 'email' | 'address';
  /** loss_type only: its loss category. */
  category?: LossCategory;
}

/**
 * What consumers get: the normalised fields (personal ones marked, not masked: masking per
 * consumer happens downstream), the orders the document was linked to, no document text.
 */
export interface DocumentEventData {
  documentId: string;
  plant: string;
  kind: DocumentKind;
  source?: string;
  modelVersion: string;
  needsReview: boolean;
  links: { orderId: string; orderNumber: string; matchedBy: MatchedBy }[];
  fields: EventField[];
  createdAt: string;
  /** 0 for the extraction; each review adds one. Consumers keep a document's newest revision. */
  revision?: number;
}

/**
 * A review: the same shape with the reviewed fields (needsReview false), the links they give, the
 * orders the document no longer names, and who reviewed it.
 */
export interface DocumentReviewedEventData extends DocumentEventData {
  revision: number;
  unlinkedOrderIds: string[];
  reviewedBy: string;
  reviewedAt: string;
  changes: ReviewChanges;
}

/**
 * An order that arrived after the document and is named by it: the document as it stands (its
 * current revision's fields), all its links now, and the orders just added.
 */
export interface DocumentLinkedEventData extends DocumentEventData {
  revision: number;
  linkedOrderIds: string[];
}

export function eventFields(fields: readonly ExtractedField[]): EventField[] {
  return fields.map((f) => {
    const personalData = PERSONAL_DATA_FIELDS[f.name];
    return { name: f.name, value: f.value, confidence: f.confidence, needsReview: f.needsReview, ...(personalData ? { personalData } : {}), ...(f.category ? { category: f.category } : {}) };
  });
}

export function documentEvent(data: DocumentEventData): DomainEvent<DocumentEventData> {
  const inspection = data.kind === 'inspection';
  return {
    type: inspection ? DOCUMENT_EVENTS.inspectionExtracted : DOCUMENT_EVENTS.claimExtracted,
    ...documentRouting(data),
    data,
  };
}

/** Same topic and key as the extraction, so a consumer sees a document's events in order. */
export function documentReviewedEvent(data: DocumentReviewedEventData): DomainEvent<DocumentReviewedEventData> {
  return {
    type: data.kind === 'inspection' ? DOCUMENT_EVENTS.inspectionReviewed : DOCUMENT_EVENTS.claimReviewed,
    ...documentRouting(data),
    data,
  };
}

export function documentLinkedEvent(data: DocumentLinkedEventData): DomainEvent<DocumentLinkedEventData> {
  return {
    type: data.kind === 'inspection' ? DOCUMENT_EVENTS.inspectionLinked : DOCUMENT_EVENTS.claimLinked,
    ...documentRouting(data),
    data,
  };
}

function documentRouting(data: DocumentEventData): Pick<DomainEvent<unknown>, 'topic' | 'key' | 'subject'> {
  const inspection = data.kind === 'inspection';
  return {
    topic: inspection ? TOPICS.inspections : TOPICS.claims,
    key: data.documentId,
    subject: `${inspection ? 'inspection-reports' : 'claims'}/${data.documentId}`,
  };
}
