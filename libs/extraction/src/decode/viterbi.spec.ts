import { decodeSpans, spanBreaks, viterbiPath } from './viterbi';

const TAGS = ['O', 'B-lot_number', 'I-lot_number', 'B-part_number', 'I-part_number'];
const T = TAGS.length;

/** Builds a probability matrix from per-character rows written as {tag: p}; the rest share what is left. */
function matrix(rows: Record<string, number>[]): Float32Array {
  const out = new Float32Array(rows.length * T);
  rows.forEach((row, i) => {
    const given = Object.values(row).reduce((a, b) => a + b, 0);
    const rest = (1 - given) / (T - Object.keys(row).length);
    TAGS.forEach((t, j) => {
      out[i * T + j] = row[t] ?? rest;
    });
  });
  return out;
}

function oneHotPath(tags: string[]): Float32Array {
  return matrix(tags.map((t) => ({ [t]: 0.96 })));
}

describe('viterbiPath', () => {
  it('follows the arg-max when it is already well formed', () => {
    const probs = oneHotPath(['O', 'B-lot_number', 'I-lot_number', 'O']);
    expect(Array.from(viterbiPath(probs, 4, TAGS))).toEqual([0, 1, 2, 0]);
  });

  it('never starts a sequence with I-x', () => {
    const probs = matrix([{ 'I-lot_number': 0.6, 'B-lot_number': 0.3 }, { 'I-lot_number': 0.9 }]);
    const path = Array.from(viterbiPath(probs, 2, TAGS)).map((j) => TAGS[j]);
    expect(path).toEqual(['B-lot_number', 'I-lot_number']);
  });

  it('repairs I-x after O by choosing the best legal alternative', () => {
    // Arg-max would be O, I-lot, I-lot: illegal. B-lot at position 1 is the cheapest repair.
    const probs = matrix([{ O: 0.9 }, { 'I-lot_number': 0.5, 'B-lot_number': 0.4 }, { 'I-lot_number': 0.9 }]);
    const path = Array.from(viterbiPath(probs, 3, TAGS)).map((j) => TAGS[j]);
    expect(path).toEqual(['O', 'B-lot_number', 'I-lot_number']);
  });

  it('does not let a span change label half-way', () => {
    const probs = matrix([{ 'B-lot_number': 0.9 }, { 'I-lot_number': 0.8 }, { 'I-part_number': 0.55, 'I-lot_number': 0.4 }]);
    const path = Array.from(viterbiPath(probs, 3, TAGS)).map((j) => TAGS[j]);
    expect(path).toEqual(['B-lot_number', 'I-lot_number', 'I-lot_number']);
  });

  it('handles an empty sequence and rejects malformed tag lists and short buffers', () => {
    expect(viterbiPath(new Float32Array(0), 0, TAGS).length).toBe(0);
    expect(() => viterbiPath(new Float32Array(5), 1, ['B-x', 'O'])).toThrow(/tag 0/);
    expect(() => viterbiPath(new Float32Array(10), 1, ['O', 'lot'])).toThrow(/malformed/);
    expect(() => viterbiPath(new Float32Array(3), 1, TAGS)).toThrow(/buffer/);
  });

  it('agrees with brute force over every legal path on small random inputs', () => {
    const tags = ['O', 'B-a', 'I-a', 'B-b', 'I-b'];
    const legal = (p: number[]): boolean =>
      p.every((t, i) => {
        const tag = tags[t] as string;
        if (!tag.startsWith('I-')) return true;
        const prev = i === 0 ? 'O' : (tags[p[i - 1] as number] as string);
        return prev !== 'O' && prev.slice(2) === tag.slice(2);
      });
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 5);
      const probs = new Float32Array(n * 5);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < 5; j++) sum += probs[i * 5 + j] = rand() + 0.01;
        for (let j = 0; j < 5; j++) probs[i * 5 + j] = (probs[i * 5 + j] as number) / sum;
      }
      let best = -Infinity;
      for (let code = 0; code < 5 ** n; code++) {
        const p: number[] = [];
        for (let c = code, i = 0; i < n; i++, c = Math.floor(c / 5)) p.push(c % 5);
        if (!legal(p)) continue;
        const s = p.reduce((acc, t, i) => acc + Math.log(probs[i * 5 + t] as number), 0);
        if (s > best) best = s;
      }
      const got = Array.from(viterbiPath(probs, n, tags));
      expect(legal(got)).toBe(true);
      const score = got.reduce((acc, t, i) => acc + Math.log(probs[i * 5 + t] as number), 0);
      expect(score).toBeCloseTo(best, 5);
    }
  });
});

describe('decodeSpans', () => {
  it('drops spans whose label is not among the given labels, keeping the path the same', () => {
    const probs = oneHotPath(['B-part_number', 'I-part_number', 'O', 'B-lot_number', 'I-lot_number']);
    const all = decodeSpans(probs, 5, TAGS);
    expect(all.map((s) => s.label)).toEqual(['part_number', 'lot_number']);
    const lotsOnly = decodeSpans(probs, 5, TAGS, { labels: new Set(['lot_number']) });
    expect(lotsOnly).toEqual([all[1]]);
  });

  it('returns spans with mean or min confidence of the chosen tags', () => {
    const probs = matrix([{ O: 0.9 }, { 'B-lot_number': 0.8 }, { 'I-lot_number': 0.6 }, { O: 0.9 }, { 'B-part_number': 0.7 }]);
    const rest = 0.1 / (T - 1); // what matrix() gives each tag a row does not name
    expect(decodeSpans(probs, 5, TAGS)).toEqual([
      // edge: P(B-lot_number) where it opens, times P(not I-lot_number) on the character after it
      { label: 'lot_number', start: 1, end: 3, confidence: expect.closeTo(0.7, 5), min: expect.closeTo(0.6, 5), edge: expect.closeTo(0.8 * (1 - rest), 5) },
      // at the end of the text nothing can continue the span
      { label: 'part_number', start: 4, end: 5, confidence: expect.closeTo(0.7, 5), min: expect.closeTo(0.7, 5), edge: expect.closeTo(0.7, 5) },
    ]);
    expect(decodeSpans(probs, 5, TAGS, { confidence: 'min' })[0]?.confidence).toBeCloseTo(0.6, 5);
  });

  it("sees a doubtful edge: a span the next character might continue scores a low edge, not a low mean", () => {
    const probs = matrix([{ 'B-lot_number': 0.95 }, { 'I-lot_number': 0.95 }, { O: 0.55, 'I-lot_number': 0.45 }]);
    const [span] = decodeSpans(probs, 3, TAGS);
    expect(span).toMatchObject({ start: 0, end: 2 });
    expect(span?.confidence).toBeCloseTo(0.95, 5);
    expect(span?.edge).toBeCloseTo(0.95 * 0.55, 5);
  });

  it('splits adjacent spans that each start with B', () => {
    const probs = oneHotPath(['B-lot_number', 'I-lot_number', 'B-lot_number', 'I-lot_number']);
    expect(decodeSpans(probs, 4, TAGS).map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it('trims whitespace the model tagged at span edges when given the text', () => {
    const text = 'L 23 x';
    const probs = oneHotPath(['B-lot_number', 'I-lot_number', 'I-lot_number', 'I-lot_number', 'I-lot_number', 'O']);
    expect(decodeSpans(probs, 6, TAGS, { text }).map((s) => text.slice(s.start, s.end))).toEqual(['L 23']);
    const blank = oneHotPath(['O', 'B-lot_number', 'O']);
    expect(decodeSpans(blank, 3, TAGS, { text: 'a b' })).toEqual([]);
  });

  it('drops a span that is a lone Han character (a fragment), keeps longer ones and one-letter Latin spans', () => {
    const text = '屏蔽罩 批次B2 x';
    const tags = ['B-part_number', 'O', 'O', 'O', 'O', 'O', 'B-lot_number', 'I-lot_number', 'O', 'B-part_number'];
    expect(decodeSpans(oneHotPath(tags), text.length, TAGS, { text }).map((s) => text.slice(s.start, s.end))).toEqual(['B2', 'x']);
    const whole = ['B-part_number', 'I-part_number', 'I-part_number', 'O', 'O', 'O', 'O', 'O', 'O', 'O'];
    expect(decodeSpans(oneHotPath(whole), text.length, TAGS, { text }).map((s) => text.slice(s.start, s.end))).toEqual(['屏蔽罩']);
  });

  it('never lets a span cross a tab, a line break or a wide gap, and does not glue the pieces back', () => {
    // A table row's readings the model tags as one run of I-lot_number.
    const text = 'A1    B2\tC3\nD4  E5';
    const run = ['B-lot_number', ...Array.from({ length: text.length - 1 }, () => 'I-lot_number')];
    const spans = decodeSpans(oneHotPath(run), text.length, TAGS, { text });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['A1', 'B2', 'C3', 'D4  E5']);
    expect(Array.from(spanBreaks('a   b\tc  d', 10))).toEqual([0, 1, 1, 1, 0, 1, 0, 0, 0, 0]);
  });
});
