/**
 * Span-level precision/recall/F1: a predicted span counts only if label, start and end all match a
 * gold span exactly, after both are trimmed of surrounding whitespace.
 */
import type { LabelledDocument, Span } from '../schema/fields';

export interface FieldScore {
  label: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalResult {
  fields: FieldScore[];
  micro: FieldScore;
  documents: number;
}

function trim(text: string, s: Span): Span | null {
  let a = s.start;
  let b = s.end;
  while (a < b && /\s/.test(text[a] as string)) a++;
  while (b > a && /\s/.test(text[b - 1] as string)) b--;
  return a < b ? { label: s.label, start: a, end: b } : null;
}

function score(label: string, tp: number, fp: number, fn: number): FieldScore {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { label, tp, fp, fn, precision, recall, f1 };
}

/** `predicted[i]` are the spans predicted for `gold[i]`. Fields with no gold and no prediction are omitted. */
export function evaluateSpans(gold: readonly LabelledDocument[], predicted: readonly (readonly Span[])[]): EvalResult {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} gold documents but ${predicted.length} predictions`);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (label: string, k: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(label, c);
  };
  gold.forEach((doc, i) => {
    const key = (s: Span): string => `${s.label}:${s.start}:${s.end}`;
    const goldKeys = new Map<string, Span>();
    for (const s of doc.spans) {
      const t = trim(doc.text, s);
      if (t) goldKeys.set(key(t), t);
    }
    const seen = new Set<string>();
    for (const s of predicted[i] ?? []) {
      const t = trim(doc.text, s);
      if (!t || seen.has(key(t))) continue;
      seen.add(key(t));
      bump(t.label, goldKeys.has(key(t)) ? 'tp' : 'fp');
    }
    for (const [k, s] of goldKeys) if (!seen.has(k)) bump(s.label, 'fn');
  });
  const fields = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([l, c]) => score(l, c.tp, c.fp, c.fn));
  const sum = (k: 'tp' | 'fp' | 'fn'): number => fields.reduce((n, f) => n + f[k], 0);
  return { fields, micro: score('micro', sum('tp'), sum('fp'), sum('fn')), documents: gold.length };
}

/** Markdown table of per-field scores plus the micro average. */
export function formatScores(r: EvalResult): string {
  const row = (f: FieldScore): string =>
    `| ${f.label} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} | ${f.f1.toFixed(3)} | ${f.tp + f.fn} |`;
  return [
    '| field | precision | recall | F1 | gold spans |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.fields.map(row),
    row({ ...r.micro, label: '**micro**' }),
  ].join('\n');
}
