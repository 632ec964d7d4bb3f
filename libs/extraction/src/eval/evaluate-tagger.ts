import type { LabelledDocument, Span, SpanLabel } from '../schema/fields';
import { decodeSpans } from '../decode/viterbi';
import type { OnnxTagger } from '../model/onnx-tagger';
import { TAGS } from '../model/tags';
import { type EvalResult, evaluateSpans } from './span-metrics';

/** Spans from per-character probabilities with the constrained BIO Viterbi decoder. */
export function spansFromProbs(text: string, probs: Float32Array): Span[] {
  return decodeSpans(probs, text.length, TAGS, { text }).map((s) => ({ label: s.label as SpanLabel, start: s.start, end: s.end }));
}

export async function evaluateTagger(
  tagger: OnnxTagger,
  docs: readonly LabelledDocument[],
): Promise<{ result: EvalResult; predicted: Span[][]; seconds: number }> {
  const started = process.hrtime.bigint();
  const probs = await tagger.predict(docs.map((d) => d.text));
  const predicted = docs.map((d, i) => spansFromProbs(d.text, probs[i] as Float32Array));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result: evaluateSpans(docs, predicted), predicted, seconds };
}
