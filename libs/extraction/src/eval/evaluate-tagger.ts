import { type DocumentKind, type LabelledDocument, type Span, type SpanLabel, fieldsOf } from '../schema/fields';
import { decodeSpans } from '../decode/viterbi';
import type { OnnxTagger } from '../model/onnx-tagger';
import { TAGS, TAG_COUNT, labelOf } from '../model/tags';
import { type EvalResult, evaluateSpans } from './span-metrics';

/** Tags allowed for a document kind: a claim never carries inspection labels and vice versa. */
function allowedTags(kind: DocumentKind): Uint8Array {
  const labels = new Set<string>([...fieldsOf(kind), ...(kind === 'inspection' ? ['spec_limit'] : [])]);
  return Uint8Array.from(TAGS.map((_, t) => (t === 0 || labels.has(labelOf(t) ?? '') ? 1 : 0)));
}

const ALLOWED: Record<DocumentKind, Uint8Array> = { inspection: allowedTags('inspection'), claim: allowedTags('claim') };

/**
 * Spans from per-character probabilities with the constrained BIO Viterbi decoder; when the
 * document kind is known, the other kind's tags get zero probability before decoding, so Viterbi
 * picks the best path among the labels that kind can carry.
 */
export function spansFromProbs(text: string, probs: Float32Array, kind?: DocumentKind): Span[] {
  let p = probs;
  if (kind) {
    const allowed = ALLOWED[kind];
    p = probs.slice();
    for (let i = 0; i < text.length; i++) for (let t = 0; t < TAG_COUNT; t++) if (!allowed[t]) p[i * TAG_COUNT + t] = 0;
  }
  return decodeSpans(p, text.length, TAGS, { text }).map((s) => ({ label: s.label as SpanLabel, start: s.start, end: s.end }));
}

export async function evaluateTagger(
  tagger: OnnxTagger,
  docs: readonly LabelledDocument[],
): Promise<{ result: EvalResult; predicted: Span[][]; seconds: number }> {
  const started = process.hrtime.bigint();
  const probs = await tagger.predict(docs.map((d) => d.text));
  const predicted = docs.map((d, i) => spansFromProbs(d.text, probs[i] as Float32Array, d.kind));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result: evaluateSpans(docs, predicted), predicted, seconds };
}
