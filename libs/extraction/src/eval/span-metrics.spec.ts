import type { LabelledDocument } from '../schema/fields';
import { evaluateSpans, formatScores } from './span-metrics';

const doc: LabelledDocument = {
  id: 'a',
  kind: 'inspection',
  lang: 'en',
  text: 'Lot L23-118, 5 pcs scratch',
  spans: [
    { label: 'lot_number', start: 4, end: 11 },
    { label: 'quantity', start: 13, end: 18 },
    { label: 'defect_type', start: 19, end: 26 },
  ],
};

describe('evaluateSpans', () => {
  it('counts exact label+boundary matches after trimming whitespace', () => {
    const r = evaluateSpans(
      [doc],
      [
        [
          { label: 'lot_number', start: 3, end: 11 }, // leading space trims to an exact match
          { label: 'quantity', start: 13, end: 14 }, // boundary wrong: fp + fn
          { label: 'severity', start: 19, end: 26 }, // label wrong: fp, and defect_type fn
        ],
      ],
    );
    const f = Object.fromEntries(r.fields.map((x) => [x.label, x]));
    expect(f.lot_number).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(f.quantity).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(f.severity).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    expect(f.defect_type).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(r.micro).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(r.micro.precision).toBeCloseTo(1 / 3);
    expect(r.micro.recall).toBeCloseTo(1 / 3);
    expect(formatScores(r)).toContain('| lot_number | 1.000 | 1.000 | 1.000 | 1 |');
  });

  it('scores a perfect prediction 1 and rejects mismatched lengths', () => {
    expect(evaluateSpans([doc], [doc.spans]).micro.f1).toBe(1);
    expect(() => evaluateSpans([doc], [])).toThrow();
  });
});
