/**
 * The extraction contract: which fields each document kind yields and the span labels the
 * sequence model predicts. Offsets are JavaScript string indices (UTF-16 code units), end exclusive.
 */
import type { LossCategory } from '../normalize/taxonomy';

export type DocumentKind = 'inspection' | 'claim';
export type Language = 'en' | 'zh';

export const INSPECTION_FIELDS = [
  'order_number',
  'part_number',
  'lot_number',
  'line',
  'station',
  'defect_type',
  'defect_location',
  'quantity',
  'sample_size',
  'severity',
  'measurement',
  'inspector',
  'inspection_date',
  'disposition',
] as const;

export const CLAIM_FIELDS = [
  'claim_number',
  'policy_number',
  'claimant_name',
  'national_id',
  'phone',
  'email',
  'incident_date',
  'report_date',
  'amount',
  'loss_type',
  'location',
  'part_number',
  'serial_number',
  'lot_number',
] as const;

export type InspectionField = (typeof INSPECTION_FIELDS)[number];
export type ClaimField = (typeof CLAIM_FIELDS)[number];
export type FieldName = InspectionField | ClaimField;

/**
 * Span labels: every field plus `spec_limit`, which the model tags separately and the
 * assembler folds into the nearest measurement's value ({value, unit, lower, upper}).
 */
export const SPAN_LABELS = [
  ...new Set<string>([...INSPECTION_FIELDS, ...CLAIM_FIELDS, 'spec_limit']),
] as readonly string[];
export type SpanLabel = FieldName | 'spec_limit';

export function fieldsOf(kind: DocumentKind): readonly FieldName[] {
  return kind === 'inspection' ? INSPECTION_FIELDS : CLAIM_FIELDS;
}

const KIND_SPAN_LABELS: Record<DocumentKind, ReadonlySet<string>> = {
  inspection: new Set<string>([...INSPECTION_FIELDS, 'spec_limit']),
  claim: new Set<string>(CLAIM_FIELDS),
};

/** Span labels a document kind can carry: its fields, and spec limits beside an inspection's measurements. */
export function spanLabelsOf(kind: DocumentKind): ReadonlySet<string> {
  return KIND_SPAN_LABELS[kind];
}

export interface Span {
  label: SpanLabel;
  start: number;
  end: number;
}

/** A document with gold spans: generated training data and the hand-written evaluation set share it. */
export interface LabelledDocument {
  id: string;
  kind: DocumentKind;
  lang: Language;
  text: string;
  spans: Span[];
}

/** One field as the API returns it. */
export type SpanSource = 'model' | 'rules' | 'review';

export interface ExtractedField {
  name: FieldName;
  /** Normalised value: string, number, ISO date, or an object for measurement/amount. */
  value: unknown;
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  confidence: number;
  /** Which extractor found the span: the model, or the regex/dictionary rules (chosen per field, models/MODEL_CARD.md); `review` when a person marked it. */
  source: SpanSource;
  /** True when confidence is below the review threshold or a validator objected. */
  needsReview: boolean;
  /** Why a validator lowered confidence, when it did. */
  issues?: string[];
  /** loss_type only: what the loss is about (docs/extraction-taxonomy.md), however long the description the span holds. */
  category?: LossCategory;
}
