import { extractBaseline } from '../baseline/regex-extractor';
import type { DocumentKind, Span, SpanLabel, SpanSource } from '../schema/fields';
import { FIELD_SOURCES, type FieldSource } from './field-sources';
import { gateRecord } from './record-gate';

export interface CombinableSpan extends Span {
  confidence?: number;
  /** Set on every span combineSpans returns; absent on its input = the model. */
  source?: SpanSource;
}

/** Confidence given to a rule match: rules are precise where they fire, but they do not score themselves. */
export const RULE_CONFIDENCE = 0.9;

/** Where a field's spans come from. `a+b`: a's spans, plus b's where a found nothing overlapping. */
export type SourceMode = FieldSource['source'];

export const SOURCE_MODES: readonly SourceMode[] = ['model', 'rules', 'model+rules', 'rules+model'];

/**
 * Combines the model's spans with the regex/dictionary extractor's, field by field, as chosen on
 * the development sets (field-sources.ts): a field is taken from the model, from the rules, or from
 * one of them with the other filling its gaps. Primary spans are kept strongest field first and
 * drop anything they overlap; fill-ins come last and only land where nothing was kept.
 */
export function combineSpans(
  modelSpans: readonly CombinableSpan[],
  ruleSpans: readonly Span[],
  sources: Readonly<Partial<Record<SpanLabel, FieldSource>>> = FIELD_SOURCES,
): CombinableSpan[] {
  const mode = (label: SpanLabel): SourceMode => sources[label]?.source ?? 'model';
  const strength = (s: CombinableSpan): number => sources[s.label]?.f1 ?? 0;
  const rules = ruleSpans.map((s) => ({ ...s, confidence: RULE_CONFIDENCE, source: 'rules' as const }));
  const model = modelSpans.map((s) => ({ ...s, source: 'model' as const }));
  const primary = [
    ...model.filter((s) => mode(s.label).startsWith('model')),
    ...rules.filter((s) => mode(s.label).startsWith('rules')),
  ];
  const fills = [
    ...model.filter((s) => mode(s.label) === 'rules+model'),
    ...rules.filter((s) => mode(s.label) === 'model+rules'),
  ];
  const byStrength = (a: CombinableSpan, b: CombinableSpan): number => strength(b) - strength(a) || a.start - b.start;
  const kept: CombinableSpan[] = [];
  for (const s of [...primary.sort(byStrength), ...fills.sort(byStrength)]) {
    if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Labels the rules supply under `sources`, alone or as a fill-in. */
export function ruleLabels(sources: Readonly<Partial<Record<SpanLabel, FieldSource>>> = FIELD_SOURCES): ReadonlySet<SpanLabel> {
  return new Set((Object.keys(sources) as SpanLabel[]).filter((l) => (sources[l]?.source ?? 'model') !== 'model'));
}

const SERVED_RULE_LABELS = ruleLabels();

/**
 * What the API returns for a document: the model's spans combined with the rules', running only
 * the rule patterns some field uses, and nothing for a document that is not a record of its kind
 * (gateRecord). Evaluation calls this too, so the card measures what is served.
 */
export function servedSpans(
  modelSpans: readonly CombinableSpan[],
  text: string,
  kind: DocumentKind,
  sources: Readonly<Partial<Record<SpanLabel, FieldSource>>> = FIELD_SOURCES,
): CombinableSpan[] {
  const labels = sources === FIELD_SOURCES ? SERVED_RULE_LABELS : ruleLabels(sources);
  return servedFromRuleSpans(modelSpans, extractBaseline(text, kind, labels), kind, sources);
}

/** servedSpans for rule spans already run (choose-field-sources caches them across candidates). */
export function servedFromRuleSpans(
  modelSpans: readonly CombinableSpan[],
  ruleSpans: readonly Span[],
  kind: DocumentKind,
  sources: Readonly<Partial<Record<SpanLabel, FieldSource>>> = FIELD_SOURCES,
): CombinableSpan[] {
  return gateRecord(combineSpans(modelSpans, ruleSpans, sources), kind);
}
