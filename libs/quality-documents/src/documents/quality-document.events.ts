import type { DocumentKind, ExtractedField, FieldName } from '@mw/extraction';
import { DomainEvent, TOPICS } from '@mw/outbox';
import type { MatchedBy } from './dto/quality-document.response';

/** Event types (CloudEvents `type`). Consumers branch on these strings; never rename a published one. */
export const DOCUMENT_EVENTS = {
  inspectionExtracted: 'com.millwright.inspection-report.extracted.v1',
  claimExtracted: 'com.millwright.claim.extracted.v1',
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
}

export function eventFields(fields: readonly ExtractedField[]): EventField[] {
  return fields.map((f) => {
    const personalData = PERSONAL_DATA_FIELDS[f.name];
    return { name: f.name, value: f.value, confidence: f.confidence, needsReview: f.needsReview, ...(personalData ? { personalData } : {}) };
  });
}

export function documentEvent(data: DocumentEventData): DomainEvent<DocumentEventData> {
  const inspection = data.kind === 'inspection';
  return {
    type: inspection ? DOCUMENT_EVENTS.inspectionExtracted : DOCUMENT_EVENTS.claimExtracted,
    topic: inspection ? TOPICS.inspections : TOPICS.claims,
    key: data.documentId,
    subject: `${inspection ? 'inspection-reports' : 'claims'}/${data.documentId}`,
    data,
  };
}
