import { join } from 'node:path';
import { FIXTURES_DIR, loadFixtures } from '../../scripts/build-handwritten-fixtures';
import { servedSpans } from '../../libs/extraction/src/ensemble/combine-spans';
import { evaluateTagger } from '../../libs/extraction/src/eval/evaluate-tagger';
import { loadModelTagger } from '../../libs/extraction/src/inference/model-manifest';
import type { LabelledDocument, Span } from '../../libs/extraction/src/schema/fields';

/**
 * The service runs the shipped model at int8 (model/quantize.ts) while the file and the parity test
 * are float32. A retrained model that quantizes badly must not ship unnoticed: on the development
 * set the int8 graph has to find nearly the same fields as the float one and score as well.
 */
const MODEL = join(__dirname, '..', '..', 'models', 'extractor.onnx');

async function served(precision: 'fp32' | 'int8', docs: LabelledDocument[]): Promise<{ spans: Span[][]; f1: number }> {
  const tagger = await loadModelTagger(MODEL, 1, precision);
  try {
    const { predicted } = await evaluateTagger(tagger, docs);
    const spans = docs.map((d, i) => servedSpans(predicted[i] as Span[], d.text, d.kind) as Span[]);
    let tp = 0;
    let predictedCount = 0;
    let gold = 0;
    docs.forEach((d, i) => {
      const found = spans[i] ?? [];
      predictedCount += found.length;
      gold += d.spans.length;
      tp += found.filter((s) => d.spans.some((g) => g.label === s.label && g.start === s.start && g.end === s.end)).length;
    });
    return { spans, f1: (2 * tp) / (predictedCount + gold) };
  } finally {
    await tagger.release();
  }
}

describe('the shipped model at int8', () => {
  it('finds the float graph\'s fields on the development set and scores as well', async () => {
    const docs = loadFixtures(join(FIXTURES_DIR, 'dev'));
    const [fp32, int8] = [await served('fp32', docs), await served('int8', docs)];
    const key = (s: Span): string => `${s.label}:${s.start}:${s.end}`;
    let same = 0;
    let total = 0;
    fp32.spans.forEach((spans, i) => {
      const other = new Set((int8.spans[i] ?? []).map(key));
      total += spans.length;
      same += spans.filter((s) => other.has(key(s))).length;
    });
    expect(total).toBeGreaterThan(1000);
    expect(same / total).toBeGreaterThan(0.98); // 2026.11.30.3: 2,428 of 2,432
    expect(Math.abs(int8.f1 - fp32.f1)).toBeLessThan(0.01);
  }, 60_000);
});
