import type { Span, SpanLabel } from '../schema/fields';
import { FIELD_SOURCES, type FieldSource } from './field-sources';

export interface CombinableSpan extends Span {
  confidence?: number;
}

/** Confidence given to a rule match: rules are precise where they fire, but they do not score themselves. */
export const RULE_CONFIDENCE = 0.9;

/**
 * Combines the model's spans with the regex/dictionary extractor's, field by field: each label is
 * taken from the source that scored better for it on the development set (field-sources.ts); the
 * other source's spans of that label are dropped. Overlaps across labels keep the span whose
 * source is stronger for its label.
 */
export function combineSpans(
  modelSpans: readonly CombinableSpan[],
  ruleSpans: readonly Span[],
  sources: Readonly<Partial<Record<SpanLabel, FieldSource>>> = FIELD_SOURCES,
): CombinableSpan[] {
  const pick = (label: SpanLabel): FieldSource['source'] => sources[label]?.source ?? 'model';
  const strength = (s: CombinableSpan): number => sources[s.label]?.f1 ?? 0;
  const chosen: CombinableSpan[] = [
    ...modelSpans.filter((s) => pick(s.label) === 'model'),
    ...ruleSpans.filter((s) => pick(s.label) === 'rules').map((s) => ({ ...s, confidence: RULE_CONFIDENCE })),
  ];
  // Strongest first, then drop anything overlapping a span already kept.
  const ranked = [...chosen].sort((a, b) => strength(b) - strength(a) || a.start - b.start);
  const kept: CombinableSpan[] = [];
  for (const s of ranked) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}
