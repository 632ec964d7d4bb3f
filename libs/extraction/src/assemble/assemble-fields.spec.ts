import { assembleFields, type ScoredSpan } from './assemble-fields';

const NOW = new Date('2026-03-06T08:00:00Z');

/** Spans located by their text, so the test reads like the document. */
function spansOf(text: string, marks: [label: string, written: string, confidence?: number][]): ScoredSpan[] {
  let from = 0;
  return marks.map(([label, written, confidence]) => {
    const start = text.indexOf(written, from);
    if (start < 0) throw new Error(`"${written}" not in text`);
    from = start + written.length;
    return { label, start, end: start + written.length, confidence: confidence ?? 0.95 };
  });
}

describe('assembleFields', () => {
  it('normalises an English inspection report and folds the spec limit into its measurement', () => {
    const text = 'Shift report Line 2 14 Oct 2025\nBore dia measured 25.08 mm vs spec 25.00 ±0.05 on 12 parts from lot B2510-14. Parts on HOLD. Severity major.';
    const fields = assembleFields(
      'inspection',
      text,
      spansOf(text, [
        ['line', 'Line 2'],
        ['inspection_date', '14 Oct 2025'],
        ['measurement', '25.08 mm'],
        ['spec_limit', '25.00 ±0.05'],
        ['quantity', '12'],
        ['lot_number', 'B2510-14'],
        ['disposition', 'HOLD'],
        ['severity', 'major'],
      ]),
      { now: NOW },
    );
    expect(fields.map((f) => [f.name, f.value])).toEqual([
      ['line', 'Line 2'],
      ['inspection_date', '2025-10-14'],
      ['measurement', { value: 25.08, unit: 'MMT', lower: 24.95, upper: 25.05 }],
      ['quantity', { value: 12, unit: 'PCE' }],
      ['lot_number', 'B2510-14'],
      ['disposition', 'hold'],
      ['severity', 'major'],
    ]);
    const m = fields.find((f) => f.name === 'measurement');
    expect(m).toMatchObject({ text: '25.08 mm', start: text.indexOf('25.08'), end: text.indexOf('25.08') + 8, confidence: 0.95, needsReview: false });
    expect(m?.issues).toBeUndefined();
  });

  it('normalises a Chinese claim and flags, rather than drops, the fields a validator objects to', () => {
    const text = '报案号[X]手机险报案：手机进水，保单号MOB-220931，３月４日发生。身份证51010719650228785X，电话186 2199 0045，赔偿１．２万元。';
    const fields = assembleFields(
      'claim',
      text,
      spansOf(text, [
        ['loss_type', '手机进水'],
        ['policy_number', 'MOB-220931'],
        ['incident_date', '３月４日'],
        ['national_id', '51010719650228785X'],
        ['phone', '186 2199 0045'],
        ['amount', '１．２万元'],
      ]),
      { now: NOW },
    );
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName['incident_date']?.value).toBe('2026-03-04');
    expect(byName['phone']?.value).toBe('+8618621990045');
    expect(byName['amount']?.value).toEqual({ value: 12000, currency: 'CNY' });
    expect(byName['national_id']).toMatchObject({
      value: '51010719650228785X',
      needsReview: true,
      issues: ['national_id_checksum'],
      confidence: expect.closeTo(0.95 * 0.4, 4),
    });
    expect(byName['policy_number']?.needsReview).toBe(false);
    // The loss keeps its description as the value and gains the category claims are sorted by; no other field has one.
    expect(byName['loss_type']).toMatchObject({ value: '手机进水', category: 'water' });
    expect(fields.filter((f) => f.category !== undefined).map((f) => f.name)).toEqual(['loss_type']);
  });

  it('keeps only the fields of the document kind', () => {
    const text = 'Claim CLM-1 for lot L-9, scratch on housing';
    const fields = assembleFields(
      'claim',
      text,
      spansOf(text, [
        ['claim_number', 'CLM-1'],
        ['lot_number', 'L-9'],
        ['defect_type', 'scratch'],
        ['spec_limit', 'housing'],
      ]),
      { now: NOW },
    );
    expect(fields.map((f) => f.name)).toEqual(['claim_number', 'lot_number']);
  });

  it('flags low-confidence fields for review at the given threshold', () => {
    const text = 'lot L23-118 part HX-2210';
    const spans = spansOf(text, [
      ['lot_number', 'L23-118', 0.55],
      ['part_number', 'HX-2210', 0.75],
    ]);
    expect(assembleFields('inspection', text, spans, { now: NOW }).map((f) => f.needsReview)).toEqual([true, false]);
    expect(assembleFields('inspection', text, spans, { now: NOW, reviewThreshold: 0.8 }).map((f) => f.needsReview)).toEqual([true, true]);
  });

  it('flags future dates, unparseable amounts and unknown severities', () => {
    const text = 'inspected 2026-04-01, severity: meh, cost: lots';
    const fields = assembleFields(
      'inspection',
      text,
      spansOf(text, [
        ['inspection_date', '2026-04-01'],
        ['severity', 'meh'],
      ]),
      { now: NOW },
    );
    expect(fields.map((f) => [f.value, f.issues])).toEqual([
      ['2026-04-01', ['date_in_future']],
      [null, ['severity_unrecognised']],
    ]);
    const claim = 'claim amount: lots';
    const [amount] = assembleFields('claim', claim, spansOf(claim, [['amount', 'lots']]), { now: NOW });
    expect(amount).toMatchObject({ value: null, needsReview: true, issues: ['amount_unparsed'] });
  });

  it('attaches each spec limit to the nearest measurement on the same line, and units across', () => {
    const text = 'len 102.6 spec 102.0 +/- 0.3\nRa 3.9, limit ≤ 3.2 µm';
    const fields = assembleFields(
      'inspection',
      text,
      spansOf(text, [
        ['measurement', '102.6'],
        ['spec_limit', '102.0 +/- 0.3'],
        ['measurement', '3.9'],
        ['spec_limit', '≤ 3.2 µm'],
      ]),
      { now: NOW },
    );
    expect(fields.map((f) => f.value)).toEqual([
      { value: 102.6, lower: 101.7, upper: 102.3 },
      { value: 3.9, unit: '4H', upper: 3.2 },
    ]);
  });

  it('does not attach a spec limit that is too far away, and keeps a bare tolerance as such', () => {
    const far = `Measured 4.1 mm. ${'Lorem ipsum '.repeat(10)} max 2 mm.`;
    const [m] = assembleFields('inspection', far, spansOf(far, [['measurement', '4.1 mm'], ['spec_limit', 'max 2 mm']]), { now: NOW });
    expect(m?.value).toEqual({ value: 4.1, unit: 'MMT' });
    const tol = '间隙 0.3，公差 ±0.1';
    const [g] = assembleFields('inspection', tol, spansOf(tol, [['measurement', '0.3'], ['spec_limit', '±0.1']]), { now: NOW });
    expect(g?.value).toEqual({ value: 0.3, tolerance: 0.1 });
  });

  it('doubts an affected quantity larger than the sample', () => {
    const text = 'rejects 30 of sample 20';
    const [q, n] = assembleFields('inspection', text, spansOf(text, [['quantity', '30'], ['sample_size', '20']]), { now: NOW });
    expect(q).toMatchObject({ issues: ['quantity_exceeds_sample_size'], needsReview: true });
    expect(n?.needsReview).toBe(false);
  });

  it('ignores spans outside the text and returns fields in document order', () => {
    const text = 'part P-2 lot L-1';
    const fields = assembleFields(
      'inspection',
      text,
      [
        { label: 'lot_number', start: 13, end: 16, confidence: 0.9 },
        { label: 'part_number', start: 5, end: 8, confidence: 0.9 },
        { label: 'order_number', start: 10, end: 40, confidence: 0.9 },
      ],
      { now: NOW },
    );
    expect(fields.map((f) => f.value)).toEqual(['P-2', 'L-1']);
  });
});
