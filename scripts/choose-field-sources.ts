/**
 * Chooses, per field, where the API takes its spans from — the model, the regex/dictionary
 * extractor, or one of them with the other filling its gaps — by coordinate ascent on the
 * hand-written DEVELOPMENT set (test/fixtures/extraction/dev) and the generated dev split, and
 * writes libs/extraction/src/ensemble/field-sources.ts. It never reads the hand-written evaluation
 * set: scripts/eval-extraction.ts scores the result there, once.
 *
 *   node -r ./scripts/register-ts.js scripts/choose-field-sources.ts [--models <dir>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractBaseline } from '../libs/extraction/src/baseline/regex-extractor';
import { generateDocuments, splitDocuments, splitOfRun } from '../libs/extraction/src/data/generator';
import { ruleLabels, servedFromRuleSpans, servedSpans, SOURCE_MODES, type SourceMode } from '../libs/extraction/src/ensemble/combine-spans';
import { tagDocuments } from '../libs/extraction/src/eval/evaluate-tagger';
import type { TrainingReport } from '../libs/extraction/src/eval/model-card';
import { evaluateSpans, type EvalResult } from '../libs/extraction/src/eval/span-metrics';
import { loadModelTagger } from '../libs/extraction/src/inference/model-manifest';
import { SPAN_LABELS, type LabelledDocument, type Span } from '../libs/extraction/src/schema/fields';
import { FIXTURES_DIR, loadFixtures } from './build-handwritten-fixtures';

const root = resolve(__dirname, '..');

const load = (set: string): LabelledDocument[] => loadFixtures(join(FIXTURES_DIR, set));


const f1 = (r: EvalResult, label: string) => r.fields.find((f) => f.label === label)?.f1 ?? 0;
const fmt = (r: EvalResult) => `P ${r.micro.precision.toFixed(3)} / R ${r.micro.recall.toFixed(3)} / F1 ${r.micro.f1.toFixed(3)}`;

type Sources = Record<string, { source: SourceMode; f1: number }>;

/**
 * Coordinate ascent: every field starts on the model; each pass tries every mode for one field at a
 * time, the others fixed, and keeps the mode with the best objective — the mean of micro F1 on the
 * hand-written dev set and on the generated dev split, so neither register is traded away.
 */
function chooseSources(
  sets: { docs: LabelledDocument[]; model: Span[][]; rules: Span[][] }[],
  labels: string[],
): { sources: Sources; objective: number } {
  // Candidates are scored on the served path (servedFromRuleSpans): only the patterns of fields that use rules run (a
  // pattern that is not run cannot out-rank another's span), as in servedSpans. Rule outputs are
  // cached per set of rule-using fields, since one step changes one field.
  const ruleRuns = new Map<string, Span[][][]>();
  const rulesFor = (sources: Sources): Span[][][] => {
    const used = ruleLabels(sources as never);
    const key = [...used].sort().join(',');
    let runs = ruleRuns.get(key);
    if (!runs) {
      runs = sets.map((set) => set.docs.map((d) => extractBaseline(d.text, d.kind, used)));
      ruleRuns.set(key, runs);
    }
    return runs;
  };
  const score = (sources: Sources): number => {
    const runs = rulesFor(sources);
    return (
      sets.reduce(
        (sum, set, k) =>
          sum +
          evaluateSpans(
            set.docs,
            set.docs.map((d, i) => servedFromRuleSpans(set.model[i] as Span[], runs[k]?.[i] as Span[], d.kind, sources as never)),
          ).micro.f1,
        0,
      ) / sets.length
    );
  };
  const sources: Sources = Object.fromEntries(labels.map((l) => [l, { source: 'model' as SourceMode, f1: 0 }]));
  // Overlaps are resolved strongest field first: strength = the field's own best single-source F1 on the hand-written dev set.
  const [hand] = sets;
  if (hand) {
    const m = evaluateSpans(hand.docs, hand.model);
    const r = evaluateSpans(hand.docs, hand.rules);
    for (const l of labels) (sources[l] as { f1: number }).f1 = Math.round(Math.max(f1(m, l), f1(r, l)) * 1000) / 1000;
  }
  let best = score(sources);
  for (let pass = 0; pass < 2; pass++) {
    let changed = false;
    for (const label of labels) {
      const current = sources[label] as { source: SourceMode; f1: number };
      for (const mode of SOURCE_MODES) {
        if (mode === current.source) continue;
        const before = current.source;
        current.source = mode;
        const s = score(sources);
        if (s > best + 1e-9) {
          best = s;
          changed = true;
        } else {
          current.source = before;
        }
      }
    }
    if (!changed) break;
  }
  return { sources, objective: best };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--models');
  const models = at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1] as string) : join(root, 'models');
  const tagger = await loadModelTagger(join(models, 'extractor.onnx'), 1);
  const dev = load('dev');
  const labels = [...SPAN_LABELS].sort();
  // The generated DEV split the model was trained next to (never its test split), a sample for speed.
  const { report: trained } = JSON.parse(readFileSync(join(models, 'labels.json'), 'utf8')) as { report: TrainingReport };
  const generatedDev = splitOfRun(trained).dev.slice(0, 500);
  const sets = await Promise.all(
    [dev, generatedDev].map(async (docs) => ({ docs, model: await tagDocuments(tagger, docs), rules: docs.map((d) => extractBaseline(d.text, d.kind)) })),
  );
  const { sources, objective } = chooseSources(sets, labels);
  const [handDev] = sets;
  process.stdout.write(`objective (mean dev micro F1, hand-written and generated): ${objective.toFixed(4)}\n`);
  const file = `/**
 * Which extractor supplies each field's spans (the model, the rules, or one filling the other's
 * gaps), and the field's best single-source F1 on the hand-written development set (overlap
 * strength). Generated by scripts/choose-field-sources.ts from the development sets only (hand-written
 * and the generated dev split); do not edit by hand.
 */
import type { SpanLabel } from '../schema/fields';

export interface FieldSource {
  source: 'model' | 'rules' | 'model+rules' | 'rules+model';
  f1: number;
}

export const FIELD_SOURCES: Readonly<Partial<Record<SpanLabel, FieldSource>>> = ${JSON.stringify(sources, null, 2).replace(/"(\w+)":/g, '$1:').replace(/"/g, "'")};
`;
  writeFileSync(join(root, 'libs/extraction/src/ensemble/field-sources.ts'), file);

  const report = async (title: string, docs: LabelledDocument[], known?: Span[][]) => {
    if (docs.length === 0) return;
    const m = known ?? (await tagDocuments(tagger, docs));
    const r = docs.map((d) => extractBaseline(d.text, d.kind));
    const c = docs.map((d, i) => servedSpans(m[i] as Span[], d.text, d.kind, sources as never));
    process.stdout.write(
      `| ${title} | ${docs.length} | ${fmt(evaluateSpans(docs, m))} | ${fmt(evaluateSpans(docs, r))} | **${fmt(evaluateSpans(docs, c))}** |\n`,
    );
  };
  process.stdout.write('| set | docs | model | rules | combined |\n|---|---:|---|---|---|\n');
  for (const [lang, title] of [['en', 'English'], ['zh', 'Chinese']] as const) {
    const at = dev.flatMap((d, i) => (d.lang === lang ? [i] : []));
    await report(`dev, ${title} (chooses the sources)`, at.map((i) => dev[i] as LabelledDocument), at.map((i) => handDev?.model[i] as Span[]));
  }
  // A fresh generated sample (seed 7, not the training seed): the combination must not hurt there.
  const generated = splitDocuments(generateDocuments({ seed: 7, count: 3000 }), 7, 0.1, 0.3);
  await report('generated documents, unseen seed (test share)', generated.test);
  process.stdout.write(`\nsources: ${Object.entries(sources).map(([k, v]) => `${k}=${v.source}`).join(', ')}\n`);
  await tagger.release?.();
}

void main();
