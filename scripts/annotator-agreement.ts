/**
 * How far the served extractor is from a careful human reading, per field, on the development set:
 * a second annotator labelled the dev documents blind, from the labelling guide alone
 * (test/fixtures/extraction/dev-second-annotator). Their agreement with the dev labels is the
 * ceiling the guide's open conventions leave; the model's F1 against the same labels sits beside it.
 *
 *   node -r ./scripts/register-ts.js scripts/annotator-agreement.ts [--models dir]
 */
import { join, resolve } from 'node:path';
import { servedSpans } from '../libs/extraction/src/ensemble/combine-spans';
import { evaluateTagger } from '../libs/extraction/src/eval/evaluate-tagger';
import { evaluateSpans, type EvalResult } from '../libs/extraction/src/eval/span-metrics';
import { loadModelTagger } from '../libs/extraction/src/inference/model-manifest';
import type { Span } from '../libs/extraction/src/schema/fields';
import { FIXTURES_DIR, LANGUAGES, loadFixtures } from './build-handwritten-fixtures';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--models');
  const models = resolve(i >= 0 ? (process.argv[i + 1] as string) : join(__dirname, '..', 'models'));
  const tagger = await loadModelTagger(join(models, 'extractor.onnx'), 2);
  for (const lang of LANGUAGES) {
    const gold = loadFixtures(join(FIXTURES_DIR, 'dev'), lang);
    const second = loadFixtures(join(FIXTURES_DIR, 'dev-second-annotator'), lang);
    gold.forEach((d, k) => {
      if (second[k]?.id !== d.id || second[k]?.text !== d.text) throw new Error(`second annotation of ${d.id} is not the same text`);
    });
    const { predicted } = await evaluateTagger(tagger, gold);
    const served = gold.map((d, k) => servedSpans(predicted[k] as Span[], d.text, d.kind));
    const human = evaluateSpans(gold, second.map((d) => d.spans));
    const model = evaluateSpans(gold, served);
    const modelVsSecond = evaluateSpans(second, served);
    const f = (r: EvalResult): string => `${r.micro.precision.toFixed(3)} / ${r.micro.recall.toFixed(3)} / ${r.micro.f1.toFixed(3)}`;
    console.log(`\n${lang}: ${gold.length} documents, P / R / F1 against the dev labels`);
    console.log(`  second annotator ${f(human)}`);
    console.log(`  served model     ${f(model)}  (against the second annotator: ${f(modelVsSecond)})`);
    console.log('  field (largest gap first)  annotator F1   model F1   gold spans');
    const modelF1 = new Map(model.fields.map((x) => [x.label, x.f1]));
    const gap = (h: { label: string; f1: number }): number => h.f1 - (modelF1.get(h.label) ?? 0);
    for (const h of [...human.fields].sort((a, b) => gap(b) - gap(a))) {
      const m = modelF1.get(h.label) ?? 0;
      console.log(`  ${h.label.padEnd(27)}${h.f1.toFixed(3).padStart(12)}${m.toFixed(3).padStart(11)}${String(h.tp + h.fn).padStart(13)}`);
    }
  }
  await tagger.release();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
