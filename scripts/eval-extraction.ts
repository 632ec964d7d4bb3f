/**
 * Evaluates models/extractor.onnx (onnxruntime-node, Viterbi decoding) on the generated test split
 * (regenerated from the seed in models/labels.json) and on the hand-written evaluation sets
 * test/fixtures/extraction/handwritten/ and handwritten-2/ (*.jsonl, one LabelledDocument per line)
 * when present, per language, and on the development set test/fixtures/extraction/dev/*.jsonl (hand-written for
 * tuning the generator); prints per-field tables and rewrites models/MODEL_CARD.md.
 * Run: node -r ./scripts/register-ts.js scripts/eval-extraction.ts [--models <dir>] [--dev-only] [--precision int8|fp32]
 * `--precision` (default: the serving default, int8) is the precision the model runs at (model/quantize.ts).
 * `--dev-only` scores the development set alone and writes nothing: the tuning loop never looks
 * at the hand-written evaluation set.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitOfRun } from '../libs/extraction/src/data/generator';
import type { LabelledDocument, Span } from '../libs/extraction/src/schema/fields';
import { FIXTURES_DIR, loadFixtures } from './build-handwritten-fixtures';
import { featurize } from '../libs/extraction/src/model/features';
import { loadModelTagger } from '../libs/extraction/src/inference/model-manifest';
import { type ModelPrecision, SERVING_PRECISION } from '../libs/extraction/src/model/quantize';
import { RUN_POSITIONS } from '../libs/extraction/src/inference/run-chunks';
import { evaluateTagger } from '../libs/extraction/src/eval/evaluate-tagger';
import { type CardSection, type TrainingReport, renderModelCard } from '../libs/extraction/src/eval/model-card';
import { type EvalResult, evaluateSpans, formatScores } from '../libs/extraction/src/eval/span-metrics';
import { evaluateValues } from '../libs/extraction/src/eval/value-metrics';
import { extractBaseline } from '../libs/extraction/src/baseline/regex-extractor';
import { servedSpans } from '../libs/extraction/src/ensemble/combine-spans';

const root = resolve(__dirname, '..');
/** The day dates written without a year are read against, fixed so the card's figures do not change with the calendar. */
const SCORED_ON = new Date('2026-11-30T00:00:00Z');

const loadHandwritten = (set = 'handwritten'): LabelledDocument[] => loadFixtures(join(FIXTURES_DIR, set));

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const models = resolve(arg('--models') ?? join(root, 'models'));
  const devOnly = process.argv.includes('--dev-only');
  const labels = JSON.parse(readFileSync(join(models, 'labels.json'), 'utf8')) as { report: TrainingReport };
  const report = labels.report;
  const precision = (arg('--precision') ?? SERVING_PRECISION) as ModelPrecision;
  if (!['fp32', 'int8'].includes(precision)) throw new Error(`--precision: int8 or fp32, not ${precision}`);
  const tagger = await loadModelTagger(join(models, 'extractor.onnx'), 1, precision);

  const sections: CardSection[] = [];
  const baselineSections: CardSection[] = [];
  const servedSections: CardSection[] = [];
  const valueSections: CardSection[] = [];
  const comparison: string[] = [];
  const add = async (title: string, set: LabelledDocument[], baseline = false): Promise<void> => {
    if (set.length === 0) return;
    const { result, seconds, predicted } = await evaluateTagger(tagger, set);
    if (baseline) {
      const rules = set.map((d) => extractBaseline(d.text, d.kind));
      const base: EvalResult = evaluateSpans(set, rules);
      // What the API returns: per field the model, the rules, or one filling the other's gaps (field-sources.ts).
      const servedSpanList = set.map((d, i) => servedSpans(predicted[i] as Span[], d.text, d.kind));
      const served: EvalResult = evaluateSpans(set, servedSpanList);
      // The same fields compared as an integrator reads them: distinct normalised values per document (value-metrics.ts).
      const servedValues = evaluateValues(set, servedSpanList, SCORED_ON);
      const baseValues = evaluateValues(set, rules, SCORED_ON);
      const cell = (r: EvalResult, bold = false): string =>
        `${r.micro.precision.toFixed(3)} / ${r.micro.recall.toFixed(3)} / ${bold ? '**' : ''}${r.micro.f1.toFixed(3)}${bold ? '**' : ''}`;
      if (comparison.length === 0) {
        comparison.push(
          '| set | documents | model P / R / F1 | regex baseline P / R / F1 | served: model + rules P / R / F1 | by field value: baseline | by field value: served |',
          '| --- | ---: | --- | --- | --- | --- | --- |',
        );
      }
      comparison.push(`| ${title} | ${set.length} | ${cell(result)} | ${cell(base)} | ${cell(served, true)} | ${cell(baseValues)} | ${cell(servedValues, true)} |`);
      valueSections.push({ title: `Served, by field value — ${title}`, result: servedValues, counted: 'gold values' });
      baselineSections.push({ title: `Regex/dictionary baseline — ${title}`, result: base });
      servedSections.push({ title: `Served (model + rules) — ${title}`, result: served });
    }
    sections.push({ title, result, note: `${(set.length / seconds).toFixed(0)} docs/s in this run` });
    console.log(`\n## ${title}: ${set.length} docs, micro F1 ${result.micro.f1.toFixed(4)}\n`);
    console.log(formatScores(result));
  };
  const dev = loadHandwritten('dev');
  if (devOnly) {
    await add('Development set, English', dev.filter((d) => d.lang === 'en'));
    await add('Development set, Chinese', dev.filter((d) => d.lang === 'zh'));
    await tagger.release();
    return;
  }
  const { test } = splitOfRun(report);
  await add('Generated test split', test, true);
  await add('Generated test split, English', test.filter((d) => d.lang === 'en'));
  await add('Generated test split, Chinese', test.filter((d) => d.lang === 'zh'));
  await add('Development set (hand-written for tuning), English', dev.filter((d) => d.lang === 'en'), true);
  await add('Development set (hand-written for tuning), Chinese', dev.filter((d) => d.lang === 'zh'), true);
  const hand = loadHandwritten();
  if (hand.length === 0) console.log('\nno hand-written set under test/fixtures/extraction/handwritten/');
  await add('Hand-written set, English', hand.filter((d) => d.lang === 'en'), true);
  await add('Hand-written set, Chinese', hand.filter((d) => d.lang === 'zh'), true);
  await add('Hand-written set, all', hand, true);
  // A second evaluation set, written later by other writers who saw only the labelling guide (not the
  // other sets, the rules or the generator): the check that figures on the first set are not an artefact of it.
  const second = loadHandwritten('handwritten-2');
  await add('Hand-written set 2, English', second.filter((d) => d.lang === 'en'), true);
  await add('Hand-written set 2, Chinese', second.filter((d) => d.lang === 'zh'), true);

  // Throughput of the raw model on ~400-character documents, one thread, as a single request and in batches.
  const sample = test.filter((d) => d.text.length > 60).slice(0, 256);
  const long = sample.map((d) => (d.text + '\n').repeat(Math.ceil(400 / (d.text.length + 1))).slice(0, 400));
  await tagger.predict(long.slice(0, 8));
  const times: number[] = [];
  for (const t of long.slice(0, 100)) {
    const s = process.hrtime.bigint();
    await tagger.predict([t]);
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  const s0 = process.hrtime.bigint();
  await tagger.predict(long);
  const batchSecs = Number(process.hrtime.bigint() - s0) / 1e9;
  const s1 = process.hrtime.bigint();
  for (const t of long) featurize(t);
  const featSecs = Number(process.hrtime.bigint() - s1) / 1e9;
  const speed = [
    `precision: ${precision}${precision === 'int8' ? ' (EXTRACTION_PRECISION default: weight MatMuls quantized per column when the model loads, libs/extraction/src/model/quantize.ts; the quality tables above and the calibration are scored at it)' : ' (the exported graph)'}`,
    `400-char document, single request, 1 ORT thread: p50 ${times[50]?.toFixed(2)} ms, p95 ${times[95]?.toFixed(2)} ms (featurize + run)`,
    `400-char documents as the inference worker runs them (${precision === 'int8' ? 'each window alone' : `runs of <= ${RUN_POSITIONS} positions`}), 1 ORT thread: ${(long.length / batchSecs).toFixed(0)} docs/s`,
    `featurize alone: ${(long.length / featSecs).toFixed(0)} docs/s of 400 chars`,
    'measured on the shared 2-core development machine while other jobs ran; bench/ owns the HTTP figures',
  ];
  speed.forEach((l) => console.log(l));
  await tagger.release();
  for (const b of baselineSections.filter((x) => /Hand-written set( 2)?, (English|Chinese)/.test(x.title))) {
    console.log(`\n## ${b.title}\n`);
    console.log(formatScores(b.result));
  }
  console.log(`\n${comparison.join('\n')}`);
  const perLanguage = (x: CardSection): boolean => /Hand-written set( 2)?, (English|Chinese)/.test(x.title);
  for (const b of servedSections.filter(perLanguage)) {
    console.log(`\n## ${b.title}\n`);
    console.log(formatScores(b.result));
  }
  for (const b of valueSections.filter(perLanguage)) {
    console.log(`\n## ${b.title}\n`);
    console.log(formatScores(b.result, b.counted));
  }
  const cardSections = [...sections, ...servedSections.filter(perLanguage), ...valueSections.filter(perLanguage), ...baselineSections.filter(perLanguage)];
  // Hand-written notes (history, known weaknesses) live under "## Notes" and survive a re-run.
  const cardPath = join(models, 'MODEL_CARD.md');
  const previous = existsSync(cardPath) ? readFileSync(cardPath, 'utf8') : '';
  const notesAt = previous.indexOf('\n## Notes\n');
  const notes = notesAt >= 0 ? previous.slice(notesAt) : '';
  // So does the confidence section scripts/calibrate-confidence.ts writes.
  const confidence = /\n<!-- confidence:start -->[\s\S]*?<!-- confidence:end -->\n/.exec(previous)?.[0] ?? '';
  writeFileSync(cardPath, renderModelCard(report, cardSections, speed, comparison) + confidence + notes);
  console.log('\nwrote models/MODEL_CARD.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
