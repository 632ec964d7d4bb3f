import { DETECTABLE_CLASSES, detectPii, type DetectableClass } from '@mw/privacy';
import { loadLabelledSet, PII_LANGUAGES } from '../fixtures/pii/build-pii-fixtures';
import { EXTRACTION_SET_CLASSES, evaluate, loadExtractionSetAsPii, precision, recall } from './pii-eval';

/** Issue 5: recall of at least 0.98 for ID numbers, phones and emails; names reported. */
const RECALL_FLOOR: Partial<Record<DetectableClass, number>> = { national_id: 0.98, phone: 0.98, email: 0.98 };

describe('PII detector quality on the hand-written labelled set', () => {
  describe.each(PII_LANGUAGES)('%s', (lang) => {
    const texts = loadLabelledSet(lang);
    const { byClass, errors } = evaluate(texts);

    it('has a realistic size', () => {
      expect(texts.length).toBeGreaterThanOrEqual(60);
    });

    it.each(Object.entries(RECALL_FLOOR))('recall of %s >= %s', (cls, floor) => {
      const s = byClass[cls as DetectableClass];
      const misses = errors.filter((e) => e.kind === 'missed' && e.type === cls).map((e) => `${e.id}: ${e.text}`);
      expect(s.gold).toBeGreaterThan(0);
      // The message lists the misses when the floor is not met.
      expect(recall(s) >= floor ? 'ok' : `recall ${recall(s).toFixed(3)}; missed:\n${misses.join('\n')}`).toBe('ok');
    });

    it('reports precision and recall for every class', () => {
      const rows = DETECTABLE_CLASSES.map((c) => `${c}: P=${precision(byClass[c]).toFixed(3)} R=${recall(byClass[c]).toFixed(3)} (gold ${byClass[c].gold})`);
      console.log(`[pii quality ${lang}]\n${rows.join('\n')}`);
      expect(rows).toHaveLength(DETECTABLE_CLASSES.length);
    });
  });

  // The extraction team's hand-written set, labelled by others: reported, not asserted, so a change
  // to fixtures we do not own cannot break this suite.
  it.each(PII_LANGUAGES)('reports figures on the independent extraction set (%s)', (lang) => {
    const only = new Set<DetectableClass>(EXTRACTION_SET_CLASSES);
    const { byClass } = evaluate(loadExtractionSetAsPii(lang), (t) => detectPii(t).filter((e) => only.has(e.type)));
    const rows = EXTRACTION_SET_CLASSES.map((c) => `${c}: P=${precision(byClass[c]).toFixed(3)} R=${recall(byClass[c]).toFixed(3)} (gold ${byClass[c].gold})`);
    console.log(`[pii quality, extraction set ${lang}]\n${rows.join('\n')}`);
    expect(rows.length).toBe(EXTRACTION_SET_CLASSES.length);
  });
});
