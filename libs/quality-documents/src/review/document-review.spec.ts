import type { ExtractedField } from '@mw/extraction';
import { DomainError } from '@mw/http';
import { reviewChanges, reviewedFields } from './document-review';

const text = 'Lot L23-118, part HX-2210 rev B, 5 pcs scratched, inspected 05/03/2026 by Ann Lee. Bore 12.53 mm, spec 12.50 ± 0.02 mm.';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const now = new Date('2026-11-30T00:00:00Z');

function modelField(name: ExtractedField['name'], s: string, value: unknown = s): ExtractedField {
  return { name, value, text: s, ...at(s), confidence: 0.5, source: 'model', needsReview: true };
}

describe('reviewedFields', () => {
  it('reads and normalises the marked text as extraction does (in text order), with confidence 1 and nothing to review', () => {
    const fields = reviewedFields(
      'inspection',
      text,
      [
        { name: 'lot_number', ...at('L23-118') },
        { name: 'inspection_date', ...at('05/03/2026') },
        { name: 'quantity', ...at('5 pcs') },
        { name: 'measurement', ...at('12.53 mm') },
        { name: 'spec_limit', ...at('12.50 ± 0.02 mm') },
      ],
      now,
    );
    expect(fields.map((f) => [f.name, f.text, f.source, f.confidence, f.needsReview])).toEqual([
      ['lot_number', 'L23-118', 'review', 1, false],
      ['quantity', '5 pcs', 'review', 1, false],
      ['inspection_date', '05/03/2026', 'review', 1, false],
      ['measurement', '12.53 mm', 'review', 1, false],
    ]);
    expect(fields[1]?.value).toEqual({ value: 5, unit: 'PCE' });
    expect(fields[2]?.value).toBe('2026-03-05');
    // The spec limit is folded into the measurement beside it, as for the model's spans.
    expect(fields[3]?.value).toMatchObject({ value: 12.53, unit: 'MMT', lower: 12.48, upper: 12.52 });
  });

  it("takes the reviewer's value where the normaliser reads the text another way", () => {
    const [date] = reviewedFields('inspection', text, [{ name: 'inspection_date', ...at('05/03/2026'), value: '2026-05-03' }], now);
    expect(date?.value).toBe('2026-05-03');
  });

  it('refuses fields the kind does not have, offsets outside the text, blank or repeated spans, with every reason', () => {
    const bad = () =>
      reviewedFields(
        'claim',
        text,
        [
          { name: 'disposition', ...at('L23-118') },
          { name: 'lot_number', start: 5, end: 5 },
          { name: 'lot_number', start: 110, end: 999 },
          { name: 'lot_number', start: 3, end: 4 },
          { name: 'lot_number', ...at('L23-118') },
          { name: 'lot_number', ...at('L23-118') },
        ],
        now,
      );
    expect(bad).toThrow(DomainError);
    try {
      bad();
    } catch (e) {
      const errors = (e as DomainError).extra.errors ?? [];
      expect(errors.map((x) => x.field)).toEqual(['fields[0].name', 'fields[1].end', 'fields[2].end', 'fields[3]', 'fields[5]']);
    }
  });

  it("refuses a reviewer's value that no extracted value looks like", () => {
    const lot = at('L23-118');
    for (const value of [[1, 2], { nested: { deep: 1 } }, 'x'.repeat(2000), Number.NaN]) {
      expect(() => reviewedFields('inspection', text, [{ name: 'lot_number', ...lot, value }], now)).toThrow(/value/);
    }
    expect(reviewedFields('inspection', text, [{ name: 'measurement', ...at('12.53 mm'), value: { value: 12.5, unit: 'MMT' } }], now)[0]?.value).toEqual({ value: 12.5, unit: 'MMT' });
  });

  it('accepts an empty list: the document has no fields', () => {
    expect(reviewedFields('claim', text, [], now)).toEqual([]);
  });
});

describe('reviewChanges', () => {
  const reviewed = (name: ExtractedField['name'], s: string, value: unknown = s): ExtractedField => ({ ...modelField(name, s, value), source: 'review', confidence: 1, needsReview: false });

  it('counts kept, corrected, added and removed fields', () => {
    const model = [modelField('lot_number', 'L23-118'), modelField('part_number', 'HX-2210 rev B'), modelField('inspector', 'Ann'), modelField('defect_type', 'scratched', 'scratch')];
    const review = [reviewed('lot_number', 'L23-118'), reviewed('part_number', 'HX-2210'), reviewed('inspector', 'Ann Lee'), reviewed('quantity', '5 pcs')];
    expect(reviewChanges(model, review)).toEqual({ confirmed: 1, corrected: 2, added: 1, removed: 1 });
  });

  it('an object value read back from the database with its keys in another order is the same value', () => {
    const stored = modelField('quantity', '5 pcs', { unit: 'PCE', value: 5 });
    expect(reviewChanges([stored], [reviewed('quantity', '5 pcs', { value: 5, unit: 'PCE' })])).toEqual({ confirmed: 1, corrected: 0, added: 0, removed: 0 });
  });

  it('a changed value at the same place is a correction', () => {
    expect(reviewChanges([modelField('inspection_date', '05/03/2026', '2026-03-05')], [reviewed('inspection_date', '05/03/2026', '2026-05-03')])).toEqual({
      confirmed: 0,
      corrected: 1,
      added: 0,
      removed: 0,
    });
  });
});
