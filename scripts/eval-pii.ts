/**
 * Precision and recall of the PII detector on the hand-written labelled set, per class and language:
 *
 *   node -r ./scripts/register-ts.js scripts/eval-pii.ts [--errors]
 *
 * recall    = gold spans fully covered by a same-class prediction (what masking needs)
 * precision = predictions overlapping a same-class gold span
 * strict    = exact boundaries on both sides; masked = covered by a prediction of any class.
 */
import { DETECTABLE_CLASSES } from '@mw/privacy';
import { loadLabelledSet, PII_LANGUAGES } from '../test/fixtures/pii/build-pii-fixtures';
import { detectPii, type DetectableClass } from '@mw/privacy';
import { EXTRACTION_SET_CLASSES, evaluate, loadExtractionSetAsPii, precision, ratio, recall, type EvalResult } from '../test/privacy/pii-eval';

const pct = (x: number): string => x.toFixed(3);

function main(): void {
  const showErrors = process.argv.includes('--errors');
  for (const lang of PII_LANGUAGES) {
    const texts = loadLabelledSet(lang);
    printTable(`${lang}: PII set, ${texts.length} texts`, evaluate(texts), DETECTABLE_CLASSES, showErrors);
  }
  // Independent check: the extraction team's hand-written set, labelled by others for another task.
  for (const lang of PII_LANGUAGES) {
    const texts = loadExtractionSetAsPii(lang);
    const only = new Set<DetectableClass>(EXTRACTION_SET_CLASSES);
    const result = evaluate(texts, (t) => detectPii(t).filter((e) => only.has(e.type)));
    printTable(`${lang}: extraction set as PII (independent), ${texts.length} texts`, result, EXTRACTION_SET_CLASSES, showErrors);
  }
}

function printTable(title: string, { byClass, errors }: EvalResult, classes: readonly DetectableClass[], showErrors: boolean): void {
  {
    console.log(`\n${title}`);
    console.log('class         gold  pred  precision  recall  strictP  strictR  masked');
    let gold = 0;
    let pred = 0;
    let hits = 0;
    let correct = 0;
    for (const c of classes) {
      const s = byClass[c];
      gold += s.gold;
      pred += s.predicted;
      hits += s.coveredHits;
      correct += s.correctPredictions;
      console.log(
        [
          c.padEnd(12),
          String(s.gold).padStart(5),
          String(s.predicted).padStart(5),
          pct(precision(s)).padStart(10),
          pct(recall(s)).padStart(7),
          pct(ratio(s.strictPredictions, s.predicted)).padStart(8),
          pct(ratio(s.strictHits, s.gold)).padStart(8),
          pct(ratio(s.maskedHits, s.gold)).padStart(7),
        ].join(' '),
      );
    }
    console.log(`${'all'.padEnd(12)} ${String(gold).padStart(5)} ${String(pred).padStart(5)} ${pct(ratio(correct, pred)).padStart(10)} ${pct(ratio(hits, gold)).padStart(7)}`);
    if (showErrors) for (const e of errors) console.log(`  ${e.kind.padEnd(14)} ${e.id} ${e.type}: ${e.text.replace(/\n/g, '⏎')}`);
  }
}

main();
