import { FEATURE_SLOTS, SLOT_COUNT, SLOT_OFFSETS, TOTAL_ROWS, featurize } from './features';
import { TAGS, beginTag, insideTag, labelOf } from './tags';
import { SPAN_LABELS } from '../schema/fields';

const row = (ids: Int32Array, i: number): number[] => Array.from(ids.subarray(i * SLOT_COUNT, (i + 1) * SLOT_COUNT));

describe('featurize', () => {
  it('gives one row of ids per UTF-16 unit, every id in 1..rows-1 of its slot', () => {
    const text = 'Lot L23-118，批次B2310-07 发现气孔 12件 ¥3.5万';
    const f = featurize(text);
    expect(f.length).toBe(text.length);
    expect(f.slots).toBe(SLOT_COUNT);
    expect(f.ids.length).toBe(text.length * SLOT_COUNT);
    for (let i = 0; i < f.length; i++) {
      row(f.ids, i).forEach((id, s) => {
        expect(id).toBeGreaterThanOrEqual(1);
        expect(id).toBeLessThan(FEATURE_SLOTS[s]!.rows);
      });
    }
  });

  it('is deterministic and folds full-width characters and case onto ASCII', () => {
    expect(featurize('Lot 12')).toEqual(featurize('Lot 12'));
    const half = featurize('批次 12');
    const full = featurize('批次 １２');
    expect(row(full.ids, 3)[0]).toBe(row(half.ids, 3)[0]);
    expect(row(featurize('LOT').ids, 0)[0]).toBe(row(featurize('lot').ids, 0)[0]);
    // Shape keeps the case the char slot folds away.
    expect(row(featurize('LOT').ids, 0)[5]).not.toBe(row(featurize('lot').ids, 0)[5]);
  });

  it('lets a value see the keyword before it through the previous-token slot', () => {
    const a = featurize('lot: L23-118');
    const b = featurize('batch L23-118');
    const at = 'lot: '.length;
    expect(row(a.ids, at)[6]).not.toBe(row(b.ids, 'batch '.length)[6]);
    expect(row(a.ids, at)[0]).toBe(row(b.ids, 'batch '.length)[0]);
  });

  it('handles empty text', () => {
    expect(featurize('')).toEqual({ ids: new Int32Array(0), length: 0, slots: SLOT_COUNT });
  });

  it('lays slots out back to back in one table', () => {
    expect(SLOT_OFFSETS[0]).toBe(0);
    expect(SLOT_OFFSETS[SLOT_COUNT - 1]! + FEATURE_SLOTS[SLOT_COUNT - 1]!.rows).toBe(TOTAL_ROWS);
  });
});

describe('tags', () => {
  it('has O first and a B/I pair per span label', () => {
    expect(TAGS[0]).toBe('O');
    expect(TAGS.length).toBe(1 + 2 * SPAN_LABELS.length);
    expect(TAGS[beginTag('spec_limit')]).toBe('B-spec_limit');
    expect(TAGS[insideTag('lot_number')]).toBe('I-lot_number');
    expect(labelOf(insideTag('amount'))).toBe('amount');
    expect(labelOf(0)).toBeNull();
  });
});
