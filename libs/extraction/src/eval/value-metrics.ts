/**
 * Field-value precision/recall/F1: what an integrator reading POST /v1/extract compares. Gold spans and
 * predicted spans both go through the API's assembly (normalisers, spec limits folded into their
 * measurement), and a document's fields are compared as a set of distinct (field, normalised value)
 * pairs: `scratches` and `scratches on` are both `scratch`, `5 Mar 2026` is `2026-03-05` wherever it
 * sits, and a lot number stated twice is one value. Offsets are not compared; span-metrics.ts is the
 * strict figure (label, start and end), this one the figure a record consumer sees.
 */
import { assembleFields, type ScoredSpan } from '../assemble/assemble-fields';
import { canonicalValue } from '../normalize/canonical-value';
import { cleanText } from '../normalize/text';
import type { ExtractedField, LabelledDocument, Span } from '../schema/fields';
import { type EvalResult, tallyByKey } from './span-metrics';

/**
 * A field's comparison key: its normalised value, or the text as written where no value could be
 * read; an unlisted defect (`other`) also keeps its text, so two different unlisted words differ.
 */
function valueKey(field: ExtractedField): string {
  const byText = field.value === null || (field.name === 'defect_type' && field.value === 'other');
  const value = byText ? `text:${cleanText(field.text)}` : canonicalValue(field.value);
  return `${field.name}\u0000${value}`;
}

function fieldValues(doc: LabelledDocument, spans: readonly Span[], now: Date): Map<string, string> {
  const scored: ScoredSpan[] = spans.map((s) => ({ label: s.label, start: s.start, end: s.end, confidence: 1 }));
  const out = new Map<string, string>();
  for (const field of assembleFields(doc.kind, doc.text, scored, { now, lang: doc.lang })) out.set(valueKey(field), field.name);
  return out;
}

/**
 * `predicted[i]` are the spans served for `gold[i]`. `now` fixes the year of dates written without
 * one (the same for gold and prediction), so a run scores the same on any day.
 */
export function evaluateValues(gold: readonly LabelledDocument[], predicted: readonly (readonly Span[])[], now: Date): EvalResult {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} gold documents but ${predicted.length} predictions`);
  return tallyByKey(
    gold.map((doc) => fieldValues(doc, doc.spans, now)),
    gold.map((doc, i) => fieldValues(doc, predicted[i] ?? [], now)),
  );
}
