import { normalizeMeasurement, normalizeSpecLimit } from './measurement';

describe('normalizeMeasurement', () => {
  it.each([
    ['25.08 mm', { value: 25.08, unit: 'MMT' }],
    ['0.32mm', { value: 0.32, unit: 'MMT' }],
    ['４９．８７ｍｍ', { value: 49.87, unit: 'MMT' }],
    ['Φ12.18', { value: 12.18 }],
    ['12.71', { value: 12.71 }],
    ['3.9 µm', { value: 3.9, unit: '4H' }],
    ['68μm', { value: 68, unit: '4H' }],
    ['0.012 in', { value: 0.012, unit: 'INH' }],
    ['2 in', { value: 2, unit: 'INH' }],
    ['2.1 bar', { value: 2.1, unit: 'BAR' }],
    ['0.8bar', { value: 0.8, unit: 'BAR' }],
    ['18 Nm', { value: 18, unit: 'NU' }],
    ['18N·m', { value: 18, unit: 'NU' }],
    ['52 HRC', { value: 52, unit: 'HRC' }],
    ['15%', { value: 15, unit: 'P1' }],
    ['150 mm', { value: 150, unit: 'MMT' }],
    ['3 cm', { value: 3, unit: 'CMT' }],
    ['1.2 kg', { value: 1.2, unit: 'KGM' }],
    ['350 g', { value: 350, unit: 'GRM' }],
    ['2 L', { value: 2, unit: 'LTR' }],
    ['3mm', { value: 3, unit: 'MMT' }],
    ['12,5 mm', { value: 12.5, unit: 'MMT' }],
    ['85℃', { value: 85, unit: 'CEL' }],
    ['1.5 m', { value: 1.5, unit: 'MTR' }],
  ])('%s', (raw, want) => {
    expect(normalizeMeasurement(raw)).toEqual(want);
  });
  it.each(['', 'mm', 'about right', '6 x 4 in', 'OK'])('rejects %j', (raw) => {
    expect(normalizeMeasurement(raw)).toBeNull();
  });
});

describe('normalizeSpecLimit', () => {
  it.each([
    ['25.00 ±0.05', { nominal: 25, lower: 24.95, upper: 25.05 }],
    ['Φ12±0.1', { nominal: 12, lower: 11.9, upper: 12.1 }],
    ['102.0 +/- 0.3', { nominal: 102, lower: 101.7, upper: 102.3 }],
    ['102.0±0.3', { nominal: 102, lower: 101.7, upper: 102.3 }],
    ['25 ±2 Nm', { nominal: 25, lower: 23, upper: 27, unit: 'NU' }],
    ['25±2N·m', { nominal: 25, lower: 23, upper: 27, unit: 'NU' }],
    ['8.000 +0.015/-0', { nominal: 8, lower: 8, upper: 8.015 }],
    ['50.00 -0.10/+0.00', { nominal: 50, lower: 49.9, upper: 50 }],
    ['５０．００－０．１０', { nominal: 50, lower: 49.9, upper: 50 }],
    ['10-12 mm', { lower: 10, upper: 12, unit: 'MMT' }],
    ['10 mm - 12 mm', { lower: 10, upper: 12, unit: 'MMT' }],
    ['12.60-12.70', { lower: 12.6, upper: 12.7 }],
    ['12.60~12.70', { lower: 12.6, upper: 12.7 }],
    ['58~62HRC', { lower: 58, upper: 62, unit: 'HRC' }],
    ['80-120μm', { lower: 80, upper: 120, unit: '4H' }],
    ['10 to 12 mm', { lower: 10, upper: 12, unit: 'MMT' }],
    ['max 0.2 mm', { upper: 0.2, unit: 'MMT' }],
    ['0.5 mm max', { upper: 0.5, unit: 'MMT' }],
    ['max 0.5 bar', { upper: 0.5, unit: 'BAR' }],
    ['≤ 3.2 µm', { upper: 3.2, unit: '4H' }],
    ['≤0.3bar', { upper: 0.3, unit: 'BAR' }],
    ['≤5%', { upper: 5, unit: 'P1' }],
    ['不大于0.2mm', { upper: 0.2, unit: 'MMT' }],
    ['min 2mm', { lower: 2, unit: 'MMT' }],
    ['min 12.0 mm', { lower: 12, unit: 'MMT' }],
    ['最小允许12.0mm', { lower: 12, unit: 'MMT' }],
    ['≥ 58 HRC', { lower: 58, unit: 'HRC' }],
    ['±0.1', { tolerance: 0.1 }],
    ['公差 ±0.1', { tolerance: 0.1 }],
    ['spec 10-12 mm', { lower: 10, upper: 12, unit: 'MMT' }],
    ['0.10', { upper: 0.1 }],
    ['0.015 in', { upper: 0.015, unit: 'INH' }],
  ])('%s', (raw, want) => {
    expect(normalizeSpecLimit(raw)).toEqual(want);
  });
  it.each(['', 'per drawing', 'see spec', '±', 'max'])('rejects %j', (raw) => {
    expect(normalizeSpecLimit(raw)).toBeNull();
  });
});
