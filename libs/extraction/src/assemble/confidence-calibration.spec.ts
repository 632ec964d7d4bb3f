import { Rng } from '../data/prng';
import { assembleFields } from './assemble-fields';
import { type CalibrationSample, calibratedConfidence, fitCalibration, outrankedSpans, parseCalibration, predictCorrect, spanFeatures } from './confidence-calibration';

const NOW = new Date('2026-11-29T00:00:00Z');

describe('fitCalibration', () => {
  it('recovers the weights of the logistic model that drew the outcomes', () => {
    const truth = { bias: -1, x: 2, 'label:a': 0.8 };
    const rng = new Rng(7);
    const samples: CalibrationSample[] = Array.from({ length: 20_000 }, () => {
      const features: Record<string, number> = { bias: 1, x: rng.next() * 4 - 2 };
      if (rng.chance(0.5)) features['label:a'] = 1;
      return { features, correct: rng.next() < predictCorrect(truth, features) };
    });
    const w = fitCalibration(samples, { penalty: 0, labelPenalty: 0 });
    // 20,000 draws: standard errors ~0.03–0.05, so 0.15 is three of them or more
    for (const [name, value] of Object.entries(truth)) expect(Math.abs((w[name] ?? 0) - value)).toBeLessThan(0.15);
  });

  it('shrinks the offset of a rarely seen field towards the shared model', () => {
    const samples: CalibrationSample[] = [
      ...Array.from({ length: 400 }, (_, i) => ({ features: { bias: 1 }, correct: i % 4 !== 0 })),
      // three spans of a field, all wrong: on its own that says "never right"
      ...Array.from({ length: 3 }, () => ({ features: { bias: 1, 'label:rare': 1 }, correct: false })),
    ];
    const loose = fitCalibration(samples, { labelPenalty: 0.001 });
    const shrunk = fitCalibration(samples, { labelPenalty: 3 });
    expect(predictCorrect(loose, { bias: 1, 'label:rare': 1 })).toBeLessThan(0.05);
    expect(predictCorrect(shrunk, { bias: 1, 'label:rare': 1 })).toBeGreaterThan(0.4);
  });
});

describe('spanFeatures', () => {
  it("reads the decoder's signals of a model span and only an indicator for a rule span", () => {
    const model = spanFeatures({ label: 'lot_number', start: 0, end: 7, confidence: 0.9, min: 0.5, edge: 0.8 }, 'en');
    expect(model).toMatchObject({ bias: 1, 'label:lot_number': 1, logit_mean: expect.closeTo(Math.log(9), 6), logit_min: 0, log_length: expect.closeTo(Math.log(7), 6) });
    expect(model['zh']).toBeUndefined();
    const rule = spanFeatures({ label: 'phone', start: 0, end: 11, confidence: 0.9, source: 'rules' }, 'zh');
    expect(rule).toMatchObject({ rules: 1, zh: 1 });
    expect(rule['logit_mean']).toBeUndefined();
  });
});

describe('outrankedSpans', () => {
  it('marks the weaker of two different values of a field stated once, never a repeat or a field stated many times', () => {
    const text = 'Incident 2026-03-05 (first report said 2026-03-06). Incident 2026-03-05. Claimant Li Wei, driver Zhang Wei.';
    const at = (label: string, value: string, confidence: number, from = 0) => {
      const start = text.indexOf(value, from);
      return { label, start, end: start + value.length, confidence };
    };
    const sure = at('incident_date', '2026-03-05', 0.97);
    const weaker = at('incident_date', '2026-03-06', 0.8);
    const repeat = at('incident_date', '2026-03-05', 0.6, sure.end);
    const names = [at('claimant_name', 'Li Wei', 0.9), at('claimant_name', 'Zhang Wei', 0.7)];
    const outranked = outrankedSpans(text, [sure, weaker, repeat, ...names]);
    expect([...outranked]).toEqual([weaker]);
    expect(spanFeatures(weaker, 'en', true)['outranked']).toBe(1);
    expect(spanFeatures(sure, 'en')['outranked']).toBeUndefined();
  });
});

describe('parseCalibration', () => {
  const ok = { modelVersion: 'm-1', weights: { bias: 0.5 }, reviewThreshold: 0.7 };
  it('accepts a calibration for the loaded model and refuses one for another', () => {
    expect(parseCalibration(ok, 'm-1')).toEqual(ok);
    expect(() => parseCalibration(ok, 'm-2')).toThrow(/fitted for m-1, the model is m-2/);
    expect(() => parseCalibration({ ...ok, weights: { bias: 'x' } }, 'm-1')).toThrow(/finite/);
    expect(() => parseCalibration({ modelVersion: 'm-1' }, 'm-1')).toThrow(/required/);
  });
});

describe('assembleFields with a calibration', () => {
  const text = 'lot L23-118, 5 pcs scratched';
  const spans = [
    { label: 'lot_number', start: 4, end: 11, confidence: 0.99, min: 0.98, edge: 0.97 },
    { label: 'defect_type', start: 19, end: 28, confidence: 0.99, min: 0.98, edge: 0.2 },
  ];
  const calibration = { modelVersion: 'm', reviewThreshold: 0.7, weights: { bias: 0, logit_edge: 1, 'label:defect_type': -0.5 } };

  it('returns the calibrated probability, flags by the threshold, and leaves raw scores alone without one', () => {
    const raw = assembleFields('inspection', text, spans, { now: NOW });
    expect(raw.map((f) => f.confidence)).toEqual([0.99, 0.99]);
    const fields = assembleFields('inspection', text, spans, { now: NOW, calibration, reviewThreshold: calibration.reviewThreshold });
    const lot = fields.find((f) => f.name === 'lot_number');
    const defect = fields.find((f) => f.name === 'defect_type');
    expect(lot?.confidence).toBeCloseTo(calibratedConfidence(calibration, spans[0] as never, 'en'), 4);
    expect(lot?.needsReview).toBe(false);
    // a doubtful edge on a field that is often cut short: flagged although its characters are sure
    expect(defect?.confidence).toBeLessThan(0.7);
    expect(defect?.needsReview).toBe(true);
  });
});
