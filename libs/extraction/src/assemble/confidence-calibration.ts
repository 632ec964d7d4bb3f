/**
 * Confidence a reviewer can act on. The decoder's span score (mean probability of the chosen tags)
 * is no probability of being right: on the hand-written development set a model span scored
 * 0.90–0.95 was exactly right 70% of the time, and a free-text field is wrong far more often than an
 * identifier at the same score. A small logistic model over the decoder's signals, the field and the
 * language, fitted on the development set (scripts/calibrate-confidence.ts), turns them into the
 * probability that the field is exactly right (label and extent), and the review threshold is read
 * off that probability. Written here rather than taken from a library: it is ~40 features and a
 * Newton solve, and the fit must be deterministic and dependency-free in the serving path.
 */
import type { Language } from '../schema/fields';
import type { ScoredSpan } from './assemble-fields';

/** A fitted calibration, stored as models/calibration.json next to the model it was fitted for. */
export interface ConfidenceCalibration {
  /** The model version the weights belong to; another model's spans score differently. */
  modelVersion: string;
  /** Logistic-model weights by feature name (spanFeatures); a missing feature weighs 0. */
  weights: Record<string, number>;
  /** Fields whose calibrated confidence is below this are flagged for review. */
  reviewThreshold: number;
}

const EPS = 1e-4;
const logit = (p: number): number => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fields a document states once: 0–3% of the hand-written training documents hold two different
 * values of them (a claimant, a defect or a quantity often has several).
 */
const STATED_ONCE = new Set(['claim_number', 'policy_number', 'national_id', 'incident_date', 'report_date', 'inspection_date', 'location', 'loss_type', 'order_number']);

const comparable = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]/gu, '');

/**
 * The spans of a field a document states once whose text differs from that field's most confident
 * span: two values of one incident date cannot both be right, and the weaker is the likelier
 * mistake (a repeat of the strongest value is not). The calibration learns how much that lowers a
 * span's confidence, so a reviewer sees it flagged; nothing is dropped.
 */
export function outrankedSpans(text: string, spans: readonly ScoredSpan[]): Set<ScoredSpan> {
  const strongest = new Map<string, ScoredSpan>();
  for (const span of spans) {
    const best = strongest.get(span.label);
    if (STATED_ONCE.has(span.label) && (best === undefined || span.confidence > best.confidence)) strongest.set(span.label, span);
  }
  const out = new Set<ScoredSpan>();
  for (const span of spans) {
    const best = strongest.get(span.label);
    if (best !== undefined && comparable(text.slice(span.start, span.end)) !== comparable(text.slice(best.start, best.end))) out.add(span);
  }
  return out;
}

/**
 * Named features of one span. Rule spans carry a fixed score, so they get an indicator of their own
 * instead of the decoder's signals; every span gets its field's and its language's offset, and
 * `outranked` when another value of a field stated once scored higher (outrankedSpans).
 */
export function spanFeatures(span: ScoredSpan, lang: Language, outranked = false): Record<string, number> {
  const f: Record<string, number> = { bias: 1, [`label:${span.label}`]: 1, log_length: Math.log(Math.max(1, span.end - span.start)) };
  if (lang === 'zh') f['zh'] = 1;
  if (outranked) f['outranked'] = 1;
  if (span.source === 'rules') {
    f['rules'] = 1;
  } else {
    f['logit_mean'] = logit(span.confidence);
    f['logit_min'] = logit(span.min ?? span.confidence);
    f['logit_edge'] = logit(span.edge ?? span.confidence);
  }
  return f;
}

/** Probability that the span is exactly right under `weights`. */
export function predictCorrect(weights: Readonly<Record<string, number>>, features: Readonly<Record<string, number>>): number {
  let z = 0;
  for (const [name, x] of Object.entries(features)) z += (weights[name] ?? 0) * x;
  return sigmoid(z);
}

/** The calibrated confidence of a span (assembleFields applies the validators' factor and rounds). */
export function calibratedConfidence(calibration: ConfidenceCalibration, span: ScoredSpan, lang: Language, outranked = false): number {
  return predictCorrect(calibration.weights, spanFeatures(span, lang, outranked));
}

export interface CalibrationSample {
  features: Record<string, number>;
  correct: boolean;
}

/**
 * Fits L2-regularised logistic regression by Newton's method (IRLS). Field offsets are shrunk
 * harder than the shared signals (`labelPenalty` against `penalty`): a field seen a dozen times
 * should not get an offset of its own from noise. The bias is not penalised.
 */
export function fitCalibration(samples: readonly CalibrationSample[], options: { penalty?: number; labelPenalty?: number; iterations?: number } = {}): Record<string, number> {
  const penalty = options.penalty ?? 0.01;
  const labelPenalty = options.labelPenalty ?? 1;
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.features)))].sort();
  const d = names.length;
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = samples.map((s) => Object.entries(s.features).map(([n, x]) => [index.get(n) as number, x] as const));
  const lambda = names.map((n) => (n === 'bias' ? 0 : n.startsWith('label:') ? labelPenalty : penalty));
  const w = new Float64Array(d);
  for (let iter = 0; iter < (options.iterations ?? 50); iter++) {
    const grad = new Float64Array(d);
    const hess = Array.from({ length: d }, () => new Float64Array(d));
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k] as readonly (readonly [number, number])[];
      let z = 0;
      for (const [j, x] of row) z += (w[j] as number) * x;
      const p = sigmoid(z);
      const r = p - (samples[k]?.correct ? 1 : 0);
      const v = Math.max(p * (1 - p), 1e-9);
      for (const [j, x] of row) {
        grad[j] = (grad[j] as number) + r * x;
        const hj = hess[j] as Float64Array;
        for (const [m, y] of row) hj[m] = (hj[m] as number) + v * x * y;
      }
    }
    for (let j = 0; j < d; j++) {
      grad[j] = (grad[j] as number) + (lambda[j] as number) * (w[j] as number);
      const hj = hess[j] as Float64Array;
      hj[j] = (hj[j] as number) + (lambda[j] as number) + 1e-9;
    }
    const step = solve(hess, grad);
    let largest = 0;
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] as number) - (step[j] as number);
      largest = Math.max(largest, Math.abs(step[j] as number));
    }
    if (largest < 1e-10) break;
  }
  return Object.fromEntries(names.map((n, j) => [n, w[j] as number]));
}

/** Solves A x = b for a symmetric positive-definite A by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => {
    const r = new Float64Array(n + 1);
    r.set(row);
    r[n] = b[i] as number;
    return r;
  });
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const rowC = m[c]!;
    for (let r = c + 1; r < n; r++) {
      const rowR = m[r]!;
      const f = rowR[c]! / rowC[c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) rowR[k] = rowR[k]! - f * rowC[k]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!;
    let s = row[n]!;
    for (let k = r + 1; k < n; k++) s -= row[k]! * x[k]!;
    x[r] = s / row[r]!;
  }
  return x;
}

/** Reads and checks models/calibration.json; a calibration for another model version is refused. */
export function parseCalibration(raw: unknown, modelVersion: string): ConfidenceCalibration {
  const c = raw as Partial<ConfidenceCalibration>;
  if (typeof c.modelVersion !== 'string' || typeof c.reviewThreshold !== 'number' || typeof c.weights !== 'object' || c.weights === null) {
    throw new Error('calibration.json: modelVersion, weights and reviewThreshold are required');
  }
  if (c.modelVersion !== modelVersion) throw new Error(`calibration.json was fitted for ${c.modelVersion}, the model is ${modelVersion}`);
  if (!Object.values(c.weights).every((v) => typeof v === 'number' && Number.isFinite(v))) throw new Error('calibration.json: weights must be finite numbers');
  return { modelVersion: c.modelVersion, weights: c.weights, reviewThreshold: c.reviewThreshold };
}
