import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECTABLE_CLASSES, detectPii, type DetectableClass, type PiiEntity } from '@mw/privacy';
import type { GoldSpan, LabelledText } from '../fixtures/pii/build-pii-fixtures';

export interface ClassScore {
  gold: number;
  predicted: number;
  /** Gold spans with an exact same-type prediction. */
  strictHits: number;
  /** Gold spans fully inside a same-type prediction: what masking needs. */
  coveredHits: number;
  /** Gold spans touched by a same-type prediction. */
  overlapHits: number;
  /** Gold spans fully inside a prediction of any type: hidden, if perhaps by another rule. */
  maskedHits: number;
  /** Predictions overlapping a same-type gold span. */
  correctPredictions: number;
  strictPredictions: number;
}

export interface EvalMiss {
  id: string;
  kind: 'missed' | 'false_positive';
  type: DetectableClass;
  text: string;
}

export interface EvalResult {
  byClass: Record<DetectableClass, ClassScore>;
  errors: EvalMiss[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

export function evaluate(texts: readonly LabelledText[], detect: (text: string) => PiiEntity[] = (t) => detectPii(t)): EvalResult {
  const byClass = Object.fromEntries(
    DETECTABLE_CLASSES.map((c) => [
      c,
      { gold: 0, predicted: 0, strictHits: 0, coveredHits: 0, overlapHits: 0, maskedHits: 0, correctPredictions: 0, strictPredictions: 0 },
    ]),
  ) as Record<DetectableClass, ClassScore>;
  const errors: EvalMiss[] = [];
  for (const t of texts) {
    const predicted = detect(t.text);
    for (const g of t.entities) {
      const s = byClass[g.type];
      s.gold++;
      const same = predicted.filter((p) => p.type === g.type);
      if (same.some((p) => p.start === g.start && p.end === g.end)) s.strictHits++;
      if (same.some((p) => p.start <= g.start && p.end >= g.end)) s.coveredHits++;
      else errors.push({ id: t.id, kind: 'missed', type: g.type, text: describe(t.text, g, same) });
      if (same.some((p) => overlaps(p, g))) s.overlapHits++;
      if (predicted.some((p) => p.start <= g.start && p.end >= g.end)) s.maskedHits++;
    }
    for (const p of predicted) {
      const s = byClass[p.type];
      s.predicted++;
      const gold = t.entities.filter((g) => g.type === p.type);
      if (gold.some((g) => overlaps(p, g))) s.correctPredictions++;
      else errors.push({ id: t.id, kind: 'false_positive', type: p.type, text: p.text });
      if (gold.some((g) => g.start === p.start && g.end === p.end)) s.strictPredictions++;
    }
  }
  return { byClass, errors };
}

function describe(text: string, g: GoldSpan, same: PiiEntity[]): string {
  const gold = text.slice(g.start, g.end);
  const near = same.filter((p) => overlaps(p, g)).map((p) => p.text);
  return near.length > 0 ? `${gold}  (predicted: ${near.join(' | ')})` : gold;
}

export const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

export function recall(s: ClassScore): number {
  return ratio(s.coveredHits, s.gold);
}

export function precision(s: ClassScore): number {
  return ratio(s.correctPredictions, s.predicted);
}

/** Labels of the extraction team's hand-written set (test/fixtures/extraction/handwritten) that are PII. */
const EXTRACTION_PII_LABELS: Record<string, DetectableClass> = {
  inspector: 'person_name',
  claimant_name: 'person_name',
  phone: 'phone',
  email: 'email',
  national_id: 'national_id',
};

/**
 * The extraction set, written by other people for another purpose, read as an independent PII
 * set. Addresses and bank accounts are not labelled there, so those predictions are dropped
 * rather than counted as false positives.
 */
export function loadExtractionSetAsPii(lang: 'en' | 'zh'): LabelledText[] {
  const path = join(__dirname, '..', 'fixtures', 'extraction', 'handwritten', `${lang}.jsonl`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const doc = JSON.parse(l) as { id: string; text: string; spans: { label: string; start: number; end: number }[] };
      const entities: GoldSpan[] = [];
      for (const s of doc.spans) {
        const type = EXTRACTION_PII_LABELS[s.label];
        if (type) entities.push({ type, start: s.start, end: s.end });
      }
      return { id: doc.id, lang, text: doc.text, entities };
    });
}

export const EXTRACTION_SET_CLASSES: readonly DetectableClass[] = ['person_name', 'phone', 'email', 'national_id'];
