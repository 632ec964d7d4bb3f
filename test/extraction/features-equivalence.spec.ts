import fc from 'fast-check';
import { generateDocuments } from '../../libs/extraction/src/data/generator';
import { featurize } from '../../libs/extraction/src/model/features';
import { referenceFeaturize } from './features-reference';

// Characters that exercise every branch: case, full-width, NFKC expansions (㎜ ½ ﬁ), Han, CJK
// punctuation, currency, connectors, whitespace kinds, astral characters (surrogate pairs).
const ALPHABET = [...'aZ09 \n\t\r-/._#+:,;()[]|¥$€£￥元ＡＢａ１２３，。：（）㎜½ﬁ℃µμΦØé气孔批次号线工位上海😀\u00a0\u3000'];

describe('table-driven featurizer', () => {
  it('gives exactly the ids of the reference featurizer on generated documents', () => {
    for (const d of generateDocuments({ seed: 91, count: 300 })) {
      expect(featurize(d.text).ids).toEqual(referenceFeaturize(d.text).ids);
    }
  });

  it('gives exactly the ids of the reference featurizer on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }), fc.string({ maxLength: 30 }), (chars, noise) => {
        const text = chars.join('') + noise;
        expect(featurize(text).ids).toEqual(referenceFeaturize(text).ids);
      }),
      { numRuns: 400 },
    );
  });
});
