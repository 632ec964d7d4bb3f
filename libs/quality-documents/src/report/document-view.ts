import type { DataClass, Masker, PrivacyContext } from '@mw/privacy';
import { placeholderFor } from '@mw/privacy';
import { PERSONAL_DATA_FIELDS } from '../documents/quality-document.events';
import type { LinkedDocumentDto, QualityDocumentDto } from '../documents/dto/quality-document.response';
import type { ExtractedFieldDto } from '../documents/dto/extracted-field.dto';

/** One piece of personal data and what this viewer gets to see of it. */
export interface MaskedSpan {
  /** Offsets in the original text. */
  start: number;
  end: number;
  dataClass: DataClass;
  /** Why it was found: an extracted field, or the PII detector reading free text. */
  source: 'field' | 'detector';
  op: string;
  reason: string;
  /** What the viewer sees in its place. */
  shown: string;
}

/** A document as one viewer may see it: text and fields masked, offsets re-pointed into the masked text. */
export interface DocumentView {
  document: QualityDocumentDto;
  viewer: PrivacyContext;
  masked: MaskedSpan[];
  /** False when the viewer may not see the free text at all (policy free_text: deny/redact). */
  textShown: boolean;
  /** Per extracted field (same order): how its value was masked for this viewer, if it was. */
  fieldMasks: ({ op: string; reason: string } | undefined)[];
}

interface Range {
  start: number;
  end: number;
  dataClass: DataClass;
  source: 'field' | 'detector';
}

/** Field spans win over detector spans; overlapping ranges merge into the wider one. */
function sensitiveRanges(doc: QualityDocumentDto, masker: Masker): Range[] {
  const ranges: Range[] = [];
  // A reviewer may have marked personal data the model missed: the reviewed fields' places are masked too.
  for (const f of [...doc.extraction.fields, ...(doc.review.fields ?? [])]) {
    const cls = PERSONAL_DATA_FIELDS[f.name as keyof typeof PERSONAL_DATA_FIELDS];
    if (cls) ranges.push({ start: f.start, end: f.end, dataClass: cls, source: 'field' });
  }
  for (const e of masker.detect(doc.text)) ranges.push({ start: e.start, end: e.end, dataClass: e.type, source: 'detector' });
  ranges.sort((a, b) => a.start - b.start || (a.source === 'field' ? -1 : 1));
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      continue;
    }
    merged.push({ ...r });
  }
  return merged;
}

/** A personal-data field's value as this viewer may see it. */
function maskFieldValue(cls: DataClass, value: unknown, masker: Masker, viewer: PrivacyContext): { shown: string; op: string; reason: string } {
  const r = masker.maskValue(cls, typeof value === 'string' ? value : JSON.stringify(value ?? ''), viewer);
  return { shown: r.denied || typeof r.value !== 'string' ? placeholderFor(cls) : r.value, op: r.op, reason: r.reason };
}

/**
 * A document as listed under an order (no text): each personal-data field's value, and what the
 * text said, replaced by what this viewer may see. Returns the classes shown, for the audit entry.
 */
export function maskLinkedDocument(doc: LinkedDocumentDto, masker: Masker, viewer: PrivacyContext): { document: LinkedDocumentDto; personalData: string[] } {
  const personalData: string[] = [];
  const maskFields = (list: readonly ExtractedFieldDto[]): ExtractedFieldDto[] =>
    list.map((f) => {
      const cls = PERSONAL_DATA_FIELDS[f.name as keyof typeof PERSONAL_DATA_FIELDS];
      if (!cls) return f;
      const { shown, op } = maskFieldValue(cls, f.value, masker, viewer);
      personalData.push(`${cls}:${op}`);
      return { ...f, value: shown, text: shown };
    });
  const document: LinkedDocumentDto = {
    ...doc,
    extraction: { ...doc.extraction, fields: maskFields(doc.extraction.fields) },
    review: { ...doc.review, ...(doc.review.fields ? { fields: maskFields(doc.review.fields) } : {}) },
  };
  return { document, personalData };
}

export function maskDocument(doc: QualityDocumentDto, masker: Masker, viewer: PrivacyContext): DocumentView {
  const freeText = masker.ruleFor('free_text', viewer);
  const textShown = freeText.spec.op !== 'deny' && freeText.spec.op !== 'redact';
  const masked: MaskedSpan[] = [];
  // Each masked range's position in the original and in the masked text, to re-point offsets.
  const moved: { from: number; to: number; newFrom: number; newTo: number }[] = [];
  let out = '';
  let cursor = 0;
  for (const r of sensitiveRanges(doc, masker)) {
    const original = doc.text.slice(r.start, r.end);
    const result = masker.maskValue(r.dataClass, original, viewer);
    const shown = result.denied || typeof result.value !== 'string' ? placeholderFor(r.dataClass) : result.value;
    masked.push({ start: r.start, end: r.end, dataClass: r.dataClass, source: r.source, op: result.op, reason: result.reason, shown });
    out += doc.text.slice(cursor, r.start);
    moved.push({ from: r.start, to: r.end, newFrom: out.length, newTo: out.length + shown.length });
    out += shown;
    cursor = r.end;
  }
  out += doc.text.slice(cursor);
  /** Original offset -> masked-text offset; an offset inside a masked range snaps to its edge. */
  const map = (offset: number, isEnd: boolean): number => {
    let last: (typeof moved)[number] | undefined;
    for (const m of moved) {
      if (isEnd ? m.from < offset : m.from <= offset) last = m;
      else break;
    }
    if (last === undefined) return offset;
    if (offset < last.to) return isEnd ? last.newTo : last.newFrom;
    return last.newTo + (offset - last.to);
  };
  const maskFields = (list: readonly ExtractedFieldDto[], masks?: DocumentView['fieldMasks']): ExtractedFieldDto[] =>
    list.map((f) => {
      const cls = PERSONAL_DATA_FIELDS[f.name as keyof typeof PERSONAL_DATA_FIELDS];
      const start = map(f.start, false);
      const end = Math.max(start, map(f.end, true));
      if (!cls) {
        masks?.push(undefined);
        return { ...f, start, end };
      }
      const { shown, op, reason } = maskFieldValue(cls, f.value, masker, viewer);
      masks?.push(op === 'show' ? undefined : { op, reason });
      return { ...f, value: shown, text: out.slice(start, end) || shown, start, end };
    });
  /** Without the text, offsets point nowhere. */
  const placed = (list: ExtractedFieldDto[]): ExtractedFieldDto[] => (textShown ? list : list.map((f) => ({ ...f, start: 0, end: 0 })));
  const fieldMasks: DocumentView['fieldMasks'] = [];
  const fields = maskFields(doc.extraction.fields, fieldMasks);
  const reviewFields = doc.review.fields ? placed(maskFields(doc.review.fields)) : undefined;
  const document: QualityDocumentDto = {
    ...doc,
    text: textShown ? out : '',
    extraction: { ...doc.extraction, fields: placed(fields) },
    review: { ...doc.review, ...(reviewFields ? { fields: reviewFields } : {}) },
  };
  return { document, viewer, masked, textShown, fieldMasks };
}
