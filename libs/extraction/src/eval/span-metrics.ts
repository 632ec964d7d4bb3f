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

/**
 * Micro and per-label counts over items compared by key: per document, the gold and the predicted
 * items as `key -> label`. A predicted key among the gold keys is a true positive, any other a false
 * positive; a gold key no prediction has is a false negative. Labels with neither are omitted.
 */
export function tallyByKey(gold: readonly ReadonlyMap<string, string>[], predicted: readonly ReadonlyMap<string, string>[]): EvalResult {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} gold documents but ${predicted.length} predictions`);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (label: string, k: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    counts.set(label, c);
  };
  gold.forEach((goldKeys, i) => {
    const found = predicted[i] ?? new Map<string, string>();
    for (const [key, label] of found) bump(label, goldKeys.has(key) ? 'tp' : 'fp');
    for (const [key, label] of goldKeys) if (!found.has(key)) bump(label, 'fn');
  });
  const fields = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([l, c]) => score(l, c.tp, c.fp, c.fn));
  const sum = (k: 'tp' | 'fp' | 'fn'): number => fields.reduce((n, f) => n + f[k], 0);
  return { fields, micro: score('micro', sum('tp'), sum('fp'), sum('fn')), documents: gold.length };
}

/** `predicted[i]` are the spans predicted for `gold[i]`. Fields with no gold and no prediction are omitted. */
export function evaluateSpans(gold: readonly LabelledDocument[], predicted: readonly (readonly Span[])[]): EvalResult {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} gold documents but ${predicted.length} predictions`);
  const keyed = (text: string, spans: readonly Span[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const s of spans) {
      const t = trim(text, s);
      if (t) out.set(`${t.label}:${t.start}:${t.end}`, t.label);
    }
    return out;
  };
  return tallyByKey(
    gold.map((doc) => keyed(doc.text, doc.spans)),
    gold.map((doc, i) => keyed(doc.text, predicted[i] ?? [])),
  );
}

/** Markdown table of per-field scores plus the micro average; `counted` names what the last column counts. */
export function formatScores(r: EvalResult, counted = 'gold spans'): string {
  const row = (f: FieldScore): string =>
    `| ${f.label} | ${f.precision.toFixed(3)} | ${f.recall.toFixed(3)} | ${f.f1.toFixed(3)} | ${f.tp + f.fn} |`;
  return [
    `| field | precision | recall | F1 | ${counted} |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.fields.map(row),
    row({ ...r.micro, label: '**micro**' }),
  ].join('\n');
}
