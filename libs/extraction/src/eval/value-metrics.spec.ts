import type { LabelledDocument, Span, SpanLabel } from '../schema/fields';
import { evaluateValues } from './value-metrics';

const NOW = new Date('2026-11-30T00:00:00Z');

function doc(text: string, marks: [label: SpanLabel, written: string, nth?: number][]): LabelledDocument {
  return { id: text.slice(0, 8), kind: 'inspection', lang: 'en', text, spans: marks.map(([label, written, nth]) => at(text, label, written, nth)) };
}

function at(text: string, label: SpanLabel, written: string, nth = 0): Span {
  let start = -1;
  for (let k = 0; k <= nth; k++) start = text.indexOf(written, start + 1);
  if (start < 0) throw new Error(`"${written}" not in "${text}"`);
  return { label, start, end: start + written.length };
}

describe('evaluateValues', () => {
  const text = 'Lot L23-118: 5 pcs with scratches on the housing, 5 Mar 2026. Lot L23-118 held.';
  const gold = doc(text, [
    ['lot_number', 'L23-118'],
    ['lot_number', 'L23-118', 1],
    ['quantity', '5 pcs'],
    ['defect_type', 'scratches'],
    ['inspection_date', '5 Mar 2026'],
    ['disposition', 'held'],
  ]);

  it('credits the same normalised value at other offsets, and counts a value stated twice once', () => {
    const predicted = [
      at(text, 'lot_number', 'L23-118', 1), // the second mention only: the record still has the lot
      at(text, 'quantity', '5 pcs'),
      at(text, 'defect_type', 'scratches on'), // longer span, same taxonomy value
      at(text, 'inspection_date', '5 Mar 2026'),
      at(text, 'disposition', 'held'),
    ];
    const r = evaluateValues([gold], [predicted], NOW);
    expect(r.micro).toMatchObject({ tp: 5, fp: 0, fn: 0, f1: 1 });
    expect(r.fields.find((f) => f.label === 'lot_number')).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it('counts a wrong value as a false positive and the gold value as missed', () => {
    const predicted = [
      at(text, 'lot_number', 'L23-118'),
      at(text, 'quantity', '118'), // the wrong number
      at(text, 'defect_type', 'scratches'),
      at(text, 'inspection_date', '5 Mar'), // the reference year makes this 2026-03-05 as well
      at(text, 'defect_type', 'housing'), // unlisted: compared by its text, not as `other`
    ];
    const r = evaluateValues([gold], [predicted], NOW);
    const f = Object.fromEntries(r.fields.map((x) => [x.label, x]));
    expect(f.quantity).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(f.inspection_date).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(f.defect_type).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(f.disposition).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(r.micro).toMatchObject({ tp: 3, fp: 2, fn: 2 });
  });

  it('folds a spec limit into its measurement before comparing', () => {
    const m = 'Bore 12.55 mm, spec 12.50 ± 0.02 mm';
    const g = doc(m, [['measurement', '12.55 mm'], ['spec_limit', '12.50 ± 0.02 mm']]);
    const withoutSpec = evaluateValues([g], [[at(m, 'measurement', '12.55 mm')]], NOW);
    expect(withoutSpec.micro).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(evaluateValues([g], [g.spans], NOW).micro).toMatchObject({ tp: 1, fp: 0, fn: 0 });
  });

  it('rejects mismatched lengths', () => {
    expect(() => evaluateValues([gold], [], NOW)).toThrow();
  });
});
