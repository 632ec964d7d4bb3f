/**
 * Constrained BIO decoding. The model emits, per character, a probability for every tag; taking the
 * arg-max per character can produce `I-x` after `O` or after `B-y`, i.e. spans with no start or spans
 * whose label changes half-way. Viterbi over the allowed transitions returns the most probable
 * *well-formed* tag sequence instead.
 */

import { completeSpan, isFragment, mergeAdjacent, snapToWords } from './word-boundaries';

export interface DecodedSpan {
  label: string;
  start: number;
  end: number;
  /** Aggregate of the per-character probability of the chosen tag over the span (see `confidence`). */
  confidence: number;
  /** The weakest character's probability of its tag: one unsure character in a sure span. */
  min: number;
  /**
   * How sure the model is of the span's extent: P(B-label) at its first character times P(not
   * I-label) just after its last. Most wrong spans are right label, wrong extent; this sees them.
   */
  edge: number;
}

export interface ViterbiOptions {
  /** How span confidence aggregates per-character probabilities: `mean` (default) or `min` (weakest character). */
  confidence?: 'mean' | 'min';
  /** When given, spans are trimmed of leading/trailing whitespace, and spans that are only whitespace are dropped. */
  text?: string;
  /**
   * When given, spans of other labels are dropped after decoding over every tag (e.g. spanLabelsOf the
   * document kind). Text a claim's model run tags as an inspection field is seldom a claim field:
   * dropping it scored better on the development set than forcing Viterbi to pick a claim label.
   */
  labels?: ReadonlySet<string>;
}

interface ParsedTag {
  kind: 'O' | 'B' | 'I';
  label: string;
}

/** A tag list's BIO structure, parsed once per list (decoding runs per document, the list is fixed). */
interface TagPlan {
  parsed: ParsedTag[];
  /** For I-x at j: the index of B-x (the other tag it may follow besides itself); -1 for O and B tags. */
  beginOf: Int32Array;
  /** The I-x tags' indices, and for each its B-x: the only tags whose predecessor is not simply the best one. */
  inside: Int32Array;
  insideBegin: Int32Array;
  /** For tag j: its position in `inside`, or -1 for O and B tags. */
  insideIndex: Int32Array;
  /** Per label: the indices of its B and I tags. */
  tagsOf: Map<string, { b: number; i: number }>;
}

const plans = new WeakMap<readonly string[], TagPlan>();

function planOf(tags: readonly string[]): TagPlan {
  let plan = plans.get(tags);
  if (plan) return plan;
  if (tags[0] !== 'O') throw new Error(`tag 0 must be 'O', got '${String(tags[0])}'`);
  const parsed: ParsedTag[] = tags.map((t, i) => {
    if (i === 0) return { kind: 'O', label: '' };
    const m = /^([BI])-(.+)$/.exec(t);
    if (!m) throw new Error(`malformed BIO tag '${t}' at index ${i}`);
    return { kind: m[1] as 'B' | 'I', label: m[2] as string };
  });
  const beginOf = new Int32Array(tags.length).fill(-1);
  parsed.forEach((p, j) => {
    if (p.kind === 'I') beginOf[j] = parsed.findIndex((q) => q.kind === 'B' && q.label === p.label);
  });
  const tagsOf = new Map<string, { b: number; i: number }>();
  parsed.forEach((p, j) => {
    if (p.kind === 'O') return;
    const entry = tagsOf.get(p.label) ?? { b: -1, i: -1 };
    if (p.kind === 'B') entry.b = j;
    else entry.i = j;
    tagsOf.set(p.label, entry);
  });
  const inside = Int32Array.from(parsed.flatMap((p, j) => (p.kind === 'I' ? [j] : [])));
  const insideBegin = Int32Array.from(inside, (j) => beginOf[j] as number);
  const insideIndex = new Int32Array(tags.length).fill(-1);
  inside.forEach((j, k) => (insideIndex[j] = k));
  plan = { parsed, beginOf, inside, insideBegin, insideIndex, tagsOf };
  plans.set(tags, plan);
  return plan;
}

const FLOOR = 1e-12;

function floorOf(p: number): number {
  return p > FLOOR ? p : FLOOR;
}

/**
 * Most probable tag path under the BIO constraints: `I-x` may only follow `B-x` or `I-x`, and no
 * path starts with `I-x`. `probs` is row-major `[length × tags.length]`, each row a distribution.
 * Returns the chosen tag index per character. O(length × tags): O and B-x may follow anything, so
 * one arg-max over the previous column serves them all; I-x compares just B-x and I-x.
 * Where `outside[i]` is 1 the character is O whatever the model says (see `spanBreaks`).
 */
export function viterbiPath(probs: Float32Array, length: number, tags: readonly string[], outside?: Uint8Array): Int32Array {
  const { beginOf, inside, insideBegin, insideIndex } = planOf(tags);
  const T = tags.length;
  const I = inside.length;
  if (probs.length < length * T) {
    throw new Error(`probability buffer holds ${probs.length} values, need ${length * T}`);
  }
  const path = new Int32Array(length);
  if (length === 0) return path;
  // Probability space, rescaled every step so the best partial path scores 1: the same arg-maxes as
  // summing logs, without a Math.log per cell (which was most of the decoding time). The loops are
  // written out (no per-cell closure) because this runs for every character of every document.
  let score = new Float64Array(T);
  let next = new Float64Array(T);
  // Back-pointers: O and B-x at i all follow the previous column's best tag (one per row); only I-x
  // chooses, between I-x and B-x (one bit per I tag and row).
  const bestBefore = new Int32Array(length);
  const fromBegin = new Uint8Array(length * I);
  const outsideFirst = outside?.[0] === 1;
  for (let j = 0; j < T; j++) score[j] = beginOf[j]! >= 0 ? 0 : outsideFirst ? (j === 0 ? 1 : FLOOR) : floorOf(probs[j]!);

  for (let i = 1; i < length; i++) {
    let bestPrev = 0;
    for (let j = 1; j < T; j++) if (score[j]! > score[bestPrev]!) bestPrev = j;
    bestBefore[i] = bestPrev;
    const scale = 1 / score[bestPrev]!;
    const base = i * T;
    // Emissions; O and B-x follow the best previous tag, which scores 1 after rescaling.
    if (outside?.[i] === 1) {
      next[0] = 1;
      for (let j = 1; j < T; j++) next[j] = FLOOR;
    } else {
      for (let j = 0; j < T; j++) next[j] = floorOf(probs[base + j]!);
    }
    // I-x: continue I-x, or follow B-x.
    const row = i * I;
    for (let k = 0; k < I; k++) {
      const j = inside[k]!;
      const stay = score[j]!;
      const open = score[insideBegin[k]!]!;
      if (stay >= open) next[j] = stay * scale * next[j]!;
      else {
        next[j] = open * scale * next[j]!;
        fromBegin[row + k] = 1;
      }
    }
    const swap = score;
    score = next;
    next = swap;
  }

  let last = 0;
  for (let j = 1; j < T; j++) if (score[j]! > score[last]!) last = j;
  path[length - 1] = last;
  for (let i = length - 1; i > 0; i--) {
    const k = insideIndex[last]!;
    if (k < 0) last = bestBefore[i]!;
    else if (fromBegin[i * I + k] === 1) last = beginOf[last]!;
    path[i - 1] = last;
  }
  return path;
}

/**
 * Characters no span crosses: line breaks, tabs and runs of three or more spaces. No labelled
 * document (hand-written or generated) has a value across one, while a tagger reads a table row's
 * readings `185.96    186.04    186.02` as one long value; forcing O there makes each its own span.
 */
export function spanBreaks(text: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let run = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 9) out[i] = 1;
    if (c === 32) {
      run++;
      if (run === 3) out[i - 2] = out[i - 1] = 1;
      if (run >= 3) out[i] = 1;
    } else run = 0;
  }
  return out;
}

/** Decodes per-character tag probabilities into labelled spans with a confidence each. */
export function decodeSpans(
  probs: Float32Array,
  length: number,
  tags: readonly string[],
  options: ViterbiOptions = {},
): DecodedSpan[] {
  const { parsed, tagsOf } = planOf(tags);
  const T = tags.length;
  const path = viterbiPath(probs, length, tags, options.text === undefined ? undefined : spanBreaks(options.text, length));
  const mode = options.confidence ?? 'mean';
  const spans: DecodedSpan[] = [];

  let i = 0;
  while (i < length) {
    const tag = parsed[path[i] ?? 0];
    if (!tag || tag.kind === 'O') {
      i++;
      continue;
    }
    // A well-formed path puts B-x here; the loop also swallows following I-x of the same label.
    const label = tag.label;
    if (options.labels && !options.labels.has(label)) {
      i++;
      while (i < length && parsed[path[i] ?? 0]?.kind === 'I' && parsed[path[i] ?? 0]?.label === label) i++;
      continue;
    }
    let start = i;
    let end = i + 1;
    while (end < length) {
      const t = parsed[path[end] ?? 0];
      if (!t || t.kind !== 'I' || t.label !== label) break;
      end++;
    }
    const next = end;
    if (options.text !== undefined) {
      ({ start, end } = snapToWords(options.text, start, end));
      ({ start, end } = completeSpan(options.text, label, start, end));
      while (start < end && /\s/.test(options.text[start] ?? '')) start++;
      while (end > start && /\s/.test(options.text[end - 1] ?? '')) end--;
    }
    if (end > start && !(options.text !== undefined && isFragment(options.text, start, end))) {
      let sum = 0;
      let min = 1;
      for (let k = start; k < end; k++) {
        const p = probs[k * T + (path[k] ?? 0)] ?? 0;
        sum += p;
        if (p < min) min = p;
      }
      const own = tagsOf.get(label);
      const opens = own && own.b >= 0 ? (probs[start * T + own.b] ?? 0) : 0;
      const closes = end < length && own && own.i >= 0 ? 1 - (probs[end * T + own.i] ?? 0) : 1;
      spans.push({ label, start, end, confidence: mode === 'min' ? min : sum / (end - start), min, edge: opens * closes });
    }
    i = next;
  }
  return options.text === undefined ? spans : mergeAdjacent(spans, options.text);
}
