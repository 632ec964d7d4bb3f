import { assembleFields, canonicalValue, spanLabelsOf, type DocumentKind, type ExtractedField } from '@mw/extraction';
import { DomainError, ErrorCode } from '@mw/http';

/** One field as a reviewer marks it: a label and where it is written; the server reads and normalises the text. */
export interface ReviewedSpan {
  name: string;
  start: number;
  end: number;
  /** The normalised value, when the reviewer knows better than the normaliser (e.g. 05/03/2026 read month-first). */
  value?: unknown;
}

/** How a review changed the model's extraction, counted per field (same name and overlapping text = the same field). */
export interface ReviewChanges {
  /** Model fields the reviewer kept as they were: same name, extent and value. */
  confirmed: number;
  /** Model fields the reviewer kept with another extent or value. */
  corrected: number;
  /** Fields the model did not find. */
  added: number;
  /** Model fields the reviewer took out. */
  removed: number;
}

export const MAX_REVIEWED_FIELDS = 500;
const MAX_VALUE_CHARS = 1024;

/** A reviewer's value has the shapes extracted values have: a string, a number, or an object of those (amount, measurement). */
function isValueShape(v: unknown): boolean {
  const scalar = (x: unknown): boolean => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)) || x === null;
  const flat = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(scalar);
  return (scalar(v) || flat) && JSON.stringify(v).length <= MAX_VALUE_CHARS;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/**
 * The reviewed field list: every span checked against the document (a label its kind has, offsets
 * inside the text, not blank, no two alike), then read and normalised exactly as the model's spans are,
 * so a reviewed date or amount has the same shape as an extracted one. The reviewer's word is final:
 * confidence 1, nothing to review; validator findings stay visible in `issues`.
 */
export function reviewedFields(kind: DocumentKind, text: string, spans: readonly ReviewedSpan[], now: Date): ExtractedField[] {
  const labels = spanLabelsOf(kind);
  const errors: { field: string; reason: string }[] = [];
  const seen = new Set<string>();
  spans.forEach((s, i) => {
    const at = `fields[${i}]`;
    if (!labels.has(s.name)) errors.push({ field: `${at}.name`, reason: `not a field of a ${kind === 'claim' ? 'claim' : 'inspection report'}: ${[...labels].join(', ')}` });
    if (!(s.end > s.start)) errors.push({ field: `${at}.end`, reason: 'must be greater than start' });
    else if (s.end > text.length) errors.push({ field: `${at}.end`, reason: `beyond the end of the text (${text.length} UTF-16 code units)` });
    else if (text.slice(s.start, s.end).trim() === '') errors.push({ field: at, reason: 'marks only white space' });
    if (s.value !== undefined && !isValueShape(s.value)) {
      errors.push({ field: `${at}.value`, reason: `a string, a number or a flat object such as {"value": 12.5, "unit": "MMT"}, at most ${MAX_VALUE_CHARS} characters of JSON` });
    }
    const key = `${s.name}@${s.start}-${s.end}`;
    if (seen.has(key)) errors.push({ field: at, reason: `${s.name} ${s.start}-${s.end} is listed twice` });
    seen.add(key);
  });
  if (errors.length > 0) {
    throw new DomainError(ErrorCode.ValidationFailed, `${errors.length} reviewed field(s) do not fit the document: ${errors[0]?.field} ${errors[0]?.reason}`, { errors });
  }
  const assembled = assembleFields(
    kind,
    text,
    spans.map((s) => ({ label: s.name, start: s.start, end: s.end, confidence: 1, source: 'review' as const })),
    { now },
  );
  return assembled.map((f) => {
    const override = spans.find((s) => s.name === f.name && s.start === f.start && s.end === f.end && s.value !== undefined);
    return { ...f, ...(override ? { value: override.value } : {}), confidence: 1, needsReview: false };
  });
}

// The stored extraction comes back from jsonb with its keys reordered: compare canonical forms.
const sameValue = (a: unknown, b: unknown): boolean => canonicalValue(a) === canonicalValue(b);

/** Compares the model's fields with the reviewed ones; each model field pairs with at most one reviewed field. */
export function reviewChanges(model: readonly ExtractedField[], reviewed: readonly ExtractedField[]): ReviewChanges {
  const changes: ReviewChanges = { confirmed: 0, corrected: 0, added: 0, removed: 0 };
  const paired = new Set<ExtractedField>();
  for (const r of reviewed) {
    const exact = model.find((m) => !paired.has(m) && m.name === r.name && m.start === r.start && m.end === r.end);
    const near = exact ?? model.find((m) => !paired.has(m) && m.name === r.name && overlaps(m, r));
    if (near === undefined) {
      changes.added++;
      continue;
    }
    paired.add(near);
    if (near === exact && sameValue(near.value, r.value)) changes.confirmed++;
    else changes.corrected++;
  }
  changes.removed = model.filter((m) => !paired.has(m)).length;
  return changes;
}
