import { extractBaseline } from '../baseline/regex-extractor';
import { combineSpans, RULE_CONFIDENCE, ruleLabels, servedSpans } from './combine-spans';

describe('combineSpans', () => {
  const sources = { phone: { source: 'rules' as const, f1: 0.99 }, claimant_name: { source: 'model' as const, f1: 0.6 }, location: { source: 'model' as const, f1: 0.3 } };

  it('takes each label from its chosen source only', () => {
    const out = combineSpans(
      [
        { label: 'claimant_name', start: 0, end: 9, confidence: 0.8 },
        { label: 'phone', start: 20, end: 31, confidence: 0.7 },
      ],
      [
        { label: 'phone', start: 21, end: 32 },
        { label: 'claimant_name', start: 0, end: 4 },
      ],
      sources,
    );
    expect(out).toEqual([
      { label: 'claimant_name', start: 0, end: 9, confidence: 0.8, source: 'model' },
      { label: 'phone', start: 21, end: 32, confidence: RULE_CONFIDENCE, source: 'rules' },
    ]);
  });

  it('resolves overlaps in favour of the stronger field', () => {
    const out = combineSpans([{ label: 'location', start: 10, end: 30, confidence: 0.9 }], [{ label: 'phone', start: 15, end: 26 }], sources);
    expect(out.map((s) => s.label)).toEqual(['phone']);
  });
});

describe('combineSpans with fill-in sources', () => {
  it('adds the secondary source only where the primary found nothing overlapping', () => {
    const sources = { lot_number: { source: 'model+rules' as const, f1: 0.9 }, inspector: { source: 'rules+model' as const, f1: 0.7 } };
    const out = combineSpans(
      [
        { label: 'lot_number', start: 0, end: 6, confidence: 0.8 },
        { label: 'inspector', start: 40, end: 48, confidence: 0.7 },
        { label: 'inspector', start: 60, end: 66, confidence: 0.6 },
      ],
      [
        { label: 'lot_number', start: 1, end: 7 },
        { label: 'lot_number', start: 20, end: 26 },
        { label: 'inspector', start: 41, end: 48 },
      ],
      sources,
    );
    expect(out).toEqual([
      { label: 'lot_number', start: 0, end: 6, confidence: 0.8, source: 'model' },
      { label: 'lot_number', start: 20, end: 26, confidence: RULE_CONFIDENCE, source: 'rules' },
      { label: 'inspector', start: 41, end: 48, confidence: RULE_CONFIDENCE, source: 'rules' },
      { label: 'inspector', start: 60, end: 66, confidence: 0.6, source: 'model' },
    ]);
  });
});

describe('servedSpans', () => {
  const text = 'Lot L23-118, part HX-2210, 5 pcs scratched, severity major, scrap. Inspector: Ann Lee, 2026-03-05';
  const sources = {
    lot_number: { source: 'rules' as const, f1: 0.9 },
    disposition: { source: 'model+rules' as const, f1: 0.8 },
    part_number: { source: 'model' as const, f1: 0.9 },
  };

  it('runs only the rule patterns of fields the rules supply', () => {
    expect([...ruleLabels(sources)].sort()).toEqual(['disposition', 'lot_number']);
    const rules = extractBaseline(text, 'inspection', ruleLabels(sources));
    expect(new Set(rules.map((s) => s.label))).toEqual(new Set(['lot_number', 'disposition']));
  });

  it('combines the model with those rules', () => {
    const model = [{ label: 'part_number' as const, start: text.indexOf('HX'), end: text.indexOf('HX') + 7, confidence: 0.95 }];
    const out = servedSpans(model, text, 'inspection', sources);
    expect(out.map((s) => [s.label, text.slice(s.start, s.end)])).toEqual([
      ['lot_number', 'L23-118'],
      ['part_number', 'HX-2210'],
      ['disposition', 'scrap'],
    ]);
  });
});
