import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLanguage, FIXTURES_DIR, HANDWRITTEN_DIR, LANGUAGES, loadFixtures, parseSource } from '../../scripts/build-handwritten-fixtures';
import { spanLabelsOf, SPAN_LABELS } from '../../libs/extraction/src/schema/fields';

// The first evaluation set, and a second one written later by other writers from the labelling guide alone.
const SETS = [HANDWRITTEN_DIR, join(FIXTURES_DIR, 'handwritten-2')].filter((d) => existsSync(d));

describe('hand-written extraction evaluation sets', () => {
  describe.each(SETS.flatMap((dir) => LANGUAGES.map((l) => [dir.split('/').pop() as string, l, dir])))('%s %s', (_set, lang, dir) => {
    const docs = loadFixtures(dir, lang as 'en' | 'zh');

    it('holds at least 100 documents of both kinds', () => {
      expect(docs.length).toBeGreaterThanOrEqual(100);
      expect(docs.filter((d) => d.kind === 'inspection').length).toBeGreaterThanOrEqual(40);
      expect(docs.filter((d) => d.kind === 'claim').length).toBeGreaterThanOrEqual(30);
    });

    it('is in sync with its marked-up source', () => {
      expect(readFileSync(join(dir, `${lang}.jsonl`), 'utf8')).toBe(buildLanguage(lang as 'en' | 'zh', dir));
    });

    it('has unique ids, the right language and non-empty texts', () => {
      expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
      for (const d of docs) {
        expect(d.lang).toBe(lang);
        expect(['inspection', 'claim']).toContain(d.kind);
        expect(d.text.trim().length).toBeGreaterThan(10);
      }
    });

    it('labels every span with a known label of its kind, over trimmed non-empty text, without overlaps', () => {
      for (const d of docs) {
        const allowed = spanLabelsOf(d.kind);
        const sorted = [...d.spans].sort((a, b) => a.start - b.start);
        let prevEnd = 0;
        for (const s of sorted) {
          const where = `${d.id} ${s.label}@${s.start}`;
          expect({ where, known: SPAN_LABELS.includes(s.label) }).toEqual({ where, known: true });
          expect({ where, allowed: allowed.has(s.label) }).toEqual({ where, allowed: true });
          expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
          expect(s.start).toBeGreaterThanOrEqual(prevEnd);
          expect(s.end).toBeLessThanOrEqual(d.text.length);
          const t = d.text.slice(s.start, s.end);
          expect({ where, t }).toEqual({ where, t: t.trim() });
          expect(t.length).toBeGreaterThan(0);
          prevEnd = s.end;
        }
        // Markup that failed to parse would leak into the text.
        expect(d.text).not.toMatch(/\]\([a-z_]+\)/);
      }
      // Some documents hold no field at all (a shift note, an unrelated e-mail), as real input does; most do.
      expect(docs.filter((d) => d.spans.length > 0).length).toBeGreaterThanOrEqual(docs.length * 0.8);
    });
  });

  it('keeps stray brackets as text and rejects unknown labels and labels of the other kind', () => {
    const [doc] = parseSource('## t-1 inspection\nref [1] lot [L-1](lot_number) [sic]\n', 'en');
    expect(doc?.text).toBe('ref [1] lot L-1 [sic]');
    expect(doc?.spans).toEqual([{ label: 'lot_number', start: 12, end: 15 }]);
    expect(() => parseSource('## t-2 claim\n[x](lot_numbr)\n', 'en')).toThrow(/unknown label/);
    expect(() => parseSource('## t-3 claim\n[scratch](defect_type)\n', 'en')).toThrow(/not a claim field/);
  });
});
