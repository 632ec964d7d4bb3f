/**
 * Sorts what the served extractor gets wrong on a labelled set into kinds, per field, so the next
 * change goes where the errors are: `boundary` (right label, overlapping, other extent), `label`
 * (overlapping span, other label), `missed` (nothing overlaps the gold span), `spurious` (a
 * prediction overlapping no gold span). Prints a table and, with --show <field>, the texts.
 * Run: node -r ./scripts/register-ts.js scripts/extraction-errors.ts [--set dev|train|generated-dev] [--lang en|zh]
 *      [--models dir] [--show field] [--limit n]
 * Never point it at the evaluation set while tuning: that set is scored once per shipped model.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LabelledDocument, Span } from '../libs/extraction/src/schema/fields';
import { FIXTURES_DIR, loadFixtures } from './build-handwritten-fixtures';
import { loadModelTagger } from '../libs/extraction/src/inference/model-manifest';
import { evaluateTagger } from '../libs/extraction/src/eval/evaluate-tagger';
import { servedSpans } from '../libs/extraction/src/ensemble/combine-spans';
import { splitOfRun } from '../libs/extraction/src/data/generator';
import type { TrainingReport } from '../libs/extraction/src/eval/model-card';

type Kind = 'ok' | 'boundary' | 'label' | 'missed' | 'spurious';
const KINDS: readonly Kind[] = ['ok', 'boundary', 'label', 'missed', 'spurious'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const same = (a: Span, b: Span): boolean => a.label === b.label && a.start === b.start && a.end === b.end;

interface Finding {
  kind: Kind;
  label: string;
  doc: LabelledDocument;
  gold?: Span;
  predicted?: Span;
}

/** Classifies every gold and predicted span of one document. */
export function classify(doc: LabelledDocument, predicted: readonly Span[]): Finding[] {
  const out: Finding[] = [];
  const gold = doc.spans.map((s) => ({ label: s.label, start: s.start, end: s.end }) as Span);
  for (const g of gold) {
    const exact = predicted.find((p) => same(p, g));
    if (exact) {
      out.push({ kind: 'ok', label: g.label, doc, gold: g, predicted: exact });
      continue;
    }
    const sameLabel = predicted.find((p) => p.label === g.label && overlaps(p, g));
    const other = predicted.find((p) => p.label !== g.label && overlaps(p, g));
    if (sameLabel) out.push({ kind: 'boundary', label: g.label, doc, gold: g, predicted: sameLabel });
    else if (other) out.push({ kind: 'label', label: g.label, doc, gold: g, predicted: other });
    else out.push({ kind: 'missed', label: g.label, doc, gold: g });
  }
  for (const p of predicted) {
    if (!gold.some((g) => overlaps(p, g))) out.push({ kind: 'spurious', label: p.label, doc, predicted: p });
  }
  return out;
}

async function main(): Promise<void> {
  const set = arg('--set') ?? 'dev';
  if (set === 'handwritten') throw new Error('the evaluation set is scored once per shipped model, not analysed');
  const lang = arg('--lang') as 'en' | 'zh' | undefined;
  const models = resolve(arg('--models') ?? join(__dirname, '..', 'models'));
  const docs = set === 'generated-dev' ? generatedDev(models, lang) : loadFixtures(join(FIXTURES_DIR, set), lang);
  const tagger = await loadModelTagger(join(models, 'extractor.onnx'), 1);
  const { predicted } = await evaluateTagger(tagger, docs);
  const findings = docs.flatMap((d, i) => classify(d, servedSpans(predicted[i] as Span[], d.text, d.kind)));

  const byLabel = new Map<string, Record<Kind, number>>();
  for (const f of findings) {
    const row = byLabel.get(f.label) ?? { ok: 0, boundary: 0, label: 0, missed: 0, spurious: 0 };
    row[f.kind]++;
    byLabel.set(f.label, row);
  }
  const total: Record<Kind, number> = { ok: 0, boundary: 0, label: 0, missed: 0, spurious: 0 };
  console.log(`${docs.length} documents (${set}${lang ? `, ${lang}` : ''})`);
  console.log(['field'.padEnd(16), ...KINDS.map((k) => k.padStart(9))].join(''));
  const rows = [...byLabel.entries()].sort((a, b) => errors(b[1]) - errors(a[1]));
  for (const [label, row] of rows) {
    for (const k of KINDS) total[k] += row[k];
    console.log([label.padEnd(16), ...KINDS.map((k) => String(row[k]).padStart(9))].join(''));
  }
  console.log(['total'.padEnd(16), ...KINDS.map((k) => String(total[k]).padStart(9))].join(''));

  const show = arg('--show');
  if (show) {
    const limit = Number(arg('--limit') ?? 40);
    const quote = (d: LabelledDocument, s?: Span): string => (s ? JSON.stringify(d.text.slice(s.start, s.end)) : '-');
    const context = (d: LabelledDocument, s: Span): string =>
      JSON.stringify(d.text.slice(Math.max(0, s.start - 30), Math.min(d.text.length, s.end + 30)));
    let shown = 0;
    for (const f of findings) {
      if (f.label !== show || f.kind === 'ok' || shown++ >= limit) continue;
      const at = (f.gold ?? f.predicted) as Span;
      console.log(`${f.kind.padEnd(9)} gold ${quote(f.doc, f.gold)}  predicted ${f.predicted?.label ?? ''} ${quote(f.doc, f.predicted)}\n          ${context(f.doc, at)}`);
    }
  }
}

/** The generator's development split the model in `models` was trained next to (from its labels.json report). */
function generatedDev(models: string, lang?: 'en' | 'zh'): LabelledDocument[] {
  const { report } = JSON.parse(readFileSync(join(models, 'labels.json'), 'utf8')) as { report: TrainingReport };
  return splitOfRun(report).dev.filter((d) => lang === undefined || d.lang === lang);
}

const errors = (r: Record<Kind, number>): number => r.boundary + r.label + r.missed + r.spurious;

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
