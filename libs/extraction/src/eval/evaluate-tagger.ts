import { type DocumentKind, type LabelledDocument, type Span, type SpanLabel, spanLabelsOf } from '../schema/fields';
import { decodeSpans } from '../decode/viterbi';
import type { OnnxTagger } from '../model/onnx-tagger';
import { TAGS } from '../model/tags';
import { splitWindows, stitchSpans } from '../inference/windows';
import { type EvalResult, evaluateSpans } from './span-metrics';

export type ScoredModelSpan = Span & { confidence: number; min: number; edge: number };

/**
 * Spans from per-character probabilities with the constrained BIO Viterbi decoder; when the
 * document kind is known, spans of the other kind's labels are dropped (the inference worker does the same).
 */
export function spansFromProbs(text: string, probs: Float32Array, kind?: DocumentKind): ScoredModelSpan[] {
  return decodeSpans(probs, text.length, TAGS, { text, ...(kind ? { labels: spanLabelsOf(kind) } : {}) }).map((s) => ({
    label: s.label as SpanLabel,
    start: s.start,
    end: s.end,
    confidence: s.confidence,
    min: s.min,
    edge: s.edge,
  }));
}

/**
 * The model's spans per document along the serving path, in this thread: long documents split into
 * the same windows as InferenceService, each decoded for the document's kind, then stitched.
 */
export async function tagDocuments(tagger: OnnxTagger, docs: readonly { text: string; kind: DocumentKind }[]): Promise<ScoredModelSpan[][]> {
  const windows = docs.map((d) => splitWindows(d.text, tagger.windows));
  const probs = await tagger.predict(windows.flat().map((w) => w.text));
  let next = 0;
  return docs.map((d, i) => {
    const ws = windows[i] ?? [];
    const perWindow = ws.map((w) => spansFromProbs(w.text, probs[next++] as Float32Array, d.kind));
    return stitchSpans(ws, perWindow, d.text.length) as ScoredModelSpan[];
  });
}

export async function evaluateTagger(
  tagger: OnnxTagger,
  docs: readonly LabelledDocument[],
): Promise<{ result: EvalResult; predicted: ScoredModelSpan[][]; seconds: number }> {
  const started = process.hrtime.bigint();
  const predicted = await tagDocuments(tagger, docs);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result: evaluateSpans(docs, predicted), predicted, seconds };
}
