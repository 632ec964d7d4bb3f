/**
 * Measures the regex/dictionary baseline on the hand-written evaluation set, per language, with the
 * same exact-span metric as the model's evaluation:
 *
 *   node -r ./scripts/register-ts.js scripts/eval-baseline.ts [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBaseline } from '../libs/extraction/src/baseline/regex-extractor';
import { evaluateSpans, formatScores, type EvalResult } from '../libs/extraction/src/eval/span-metrics';
import type { LabelledDocument } from '../libs/extraction/src/schema/fields';

const DIR = join(__dirname, '..', 'test', 'fixtures', 'extraction', 'handwritten');

function load(lang: string): LabelledDocument[] {
  return readFileSync(join(DIR, `${lang}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledDocument);
}

function main(): void {
  const results: Record<string, EvalResult> = {};
  const all: LabelledDocument[] = [];
  for (const lang of ['en', 'zh']) {
    const docs = load(lang);
    all.push(...docs);
    results[lang] = evaluateSpans(docs, docs.map((d) => extractBaseline(d.text, d.kind)));
  }
  results['all'] = evaluateSpans(all, all.map((d) => extractBaseline(d.text, d.kind)));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(results).map(([k, r]) => [k, r.micro])), null, 2));
    return;
  }
  for (const [lang, r] of Object.entries(results)) {
    console.log(`\n### Regex/dictionary baseline — ${lang} (${r.documents} documents, exact span match)\n`);
    console.log(formatScores(r));
  }
  console.log('\nmicro F1: ' + Object.entries(results).map(([k, r]) => `${k} ${r.micro.f1.toFixed(3)}`).join(', '));
}

main();
