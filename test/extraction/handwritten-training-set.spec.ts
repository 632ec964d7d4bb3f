import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSource, FIXTURES_DIR, HANDWRITTEN_DIR, LANGUAGES, loadFixtures, sourcesOf } from '../../scripts/build-handwritten-fixtures';

const FIXTURES = FIXTURES_DIR;
const TRAIN_DIR = join(FIXTURES, 'train');
// Documents written for training but not trained on by default (see its README): kept as clean as the set.
const RESERVE_DIR = join(FIXTURES, 'train-reserve');

/** Every whitespace-collapsed, lower-cased passage of `n` characters in `text`. */
function passages(text: string, n: number): Set<string> {
  const flat = text.toLowerCase().replace(/\s+/g, ' ');
  const out = new Set<string>();
  for (let i = 0; i + n <= flat.length; i++) out.add(flat.slice(i, i + n));
  return out;
}

// Form boilerplate ("severity: major disposition: rework") is shorter than this; copied prose is not.
const PASSAGE = 40;

// The model is trained on test/fixtures/extraction/train; the honest quality figure comes from
// test/fixtures/extraction/handwritten. These checks keep the two apart.
describe.each([
  ['hand-written training set', TRAIN_DIR],
  ['hand-written training reserve', RESERVE_DIR],
])('%s', (_set, trainDir) => {
  describe.each(LANGUAGES.map((l) => [l]))('%s', (lang) => {
    const parts = sourcesOf(trainDir).filter((p) => p.lang === lang);
    const train = loadFixtures(trainDir, lang);

    it('is in sync with its marked-up sources and holds both kinds', () => {
      for (const p of parts) expect(readFileSync(join(trainDir, `${p.name}.jsonl`), 'utf8')).toBe(buildSource(trainDir, p.name, lang));
      expect(train.filter((d) => d.kind === 'inspection').length).toBeGreaterThanOrEqual(50);
      expect(train.filter((d) => d.kind === 'claim').length).toBeGreaterThanOrEqual(30);
      expect(new Set(train.map((d) => d.id)).size).toBe(train.length);
      for (const d of train) expect(d.lang).toBe(lang);
    });

    it.each([
      ['evaluation', HANDWRITTEN_DIR],
      ['second evaluation', join(FIXTURES, 'handwritten-2')],
      ['development', join(FIXTURES, 'dev')],
    ])(
      `shares no ${PASSAGE}-character passage with the %s set`,
      (_name, dir) => {
        const held = new Set<string>();
        for (const d of loadFixtures(dir, lang)) for (const p of passages(d.text, PASSAGE)) held.add(p);
        const shared = train.flatMap((d) => [...passages(d.text, PASSAGE)].filter((p) => held.has(p)).map((p) => `${d.id}: «${p}»`));
        expect(shared).toEqual([]);
      },
    );
  });
});
