import type { LabelledDocument } from '../schema/fields';
import { mentionPool, swapMentions, withSwappedCopies } from './mention-swap';
import { Rng } from './prng';

const doc = (id: string, text: string, marks: [string, string][], lang: 'en' | 'zh' = 'en'): LabelledDocument => {
  const spans = marks.map(([label, value]) => {
    const start = text.indexOf(value);
    if (start < 0) throw new Error(`${value} not in ${text}`);
    return { label: label as LabelledDocument['spans'][number]['label'], start, end: start + value.length };
  });
  return { id, kind: 'inspection', lang, text, spans };
};

const SET: LabelledDocument[] = [
  doc('a', 'Lot L23-118, part HX-2210: 5 pcs scratched housing, rework.', [
    ['lot_number', 'L23-118'],
    ['part_number', 'HX-2210'],
    ['quantity', '5 pcs'],
    ['defect_location', 'housing'],
    ['disposition', 'rework'],
  ]),
  doc('b', 'lot b2310-07 pn ZX-9 12 pcs porosity at flange, scrap', [
    ['lot_number', 'b2310-07'],
    ['part_number', 'ZX-9'],
    ['quantity', '12 pcs'],
    ['defect_location', 'flange'],
    ['disposition', 'scrap'],
  ]),
  doc('c', '批次B2310-07 发现气孔 12件 判定报废', [
    ['lot_number', 'B2310-07'],
    ['quantity', '12件'],
    ['disposition', '报废'],
  ], 'zh'),
];

describe('mention swap', () => {
  it('replaces every span with a same-label, same-language text and shifts the offsets to match', () => {
    const pool = mentionPool(SET);
    const swapped = swapMentions(SET[0] as LabelledDocument, pool, new Rng(7), 1);
    expect(swapped.spans.map((s) => s.label)).toEqual((SET[0] as LabelledDocument).spans.map((s) => s.label));
    for (const s of swapped.spans) {
      const written = swapped.text.slice(s.start, s.end);
      const sameLabel = (pool.get(`en:${s.label}`) ?? []).map((t) => t.toLowerCase());
      expect(sameLabel).toContain(written.toLowerCase());
    }
    // Only the other English document can supply a different value, so every span moved to it.
    expect(swapped.text).toBe('Lot B2310-07, part ZX-9: 12 pcs scratched flange, scrap.');
  });

  it('keeps the case each span was written in and never draws from the other language', () => {
    const swapped = swapMentions(SET[1] as LabelledDocument, mentionPool(SET), new Rng(3), 1);
    expect(swapped.text).toBe('lot l23-118 pn HX-2210 5 pcs porosity at housing, rework');
    expect(swapped.text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('leaves the first copy as written, is deterministic, and with rate 0 repeats the set unchanged', () => {
    const a = withSwappedCopies(SET, 3, { seed: 11, rate: 0.5 });
    const b = withSwappedCopies(SET, 3, { seed: 11, rate: 0.5 });
    expect(a).toHaveLength(9);
    expect(a.slice(0, 3)).toEqual(SET);
    expect(a).toEqual(b);
    expect(withSwappedCopies(SET, 3, { seed: 11, rate: 0 })).toEqual([...SET, ...SET, ...SET]);
  });
});
