import { TAG_COUNT, beginTag, insideTag } from '../model/tags';
import { spansFromProbs } from './evaluate-tagger';

/** One-hot-ish rows: `best` gets 0.6, `second` 0.3, the rest share what is left. */
function probs(rows: [number, number][]): Float32Array {
  const p = new Float32Array(rows.length * TAG_COUNT).fill(0.1 / (TAG_COUNT - 2));
  rows.forEach(([best, second], i) => {
    p[i * TAG_COUNT + best] = 0.6;
    p[i * TAG_COUNT + second] = 0.3;
  });
  return p;
}

describe('spansFromProbs', () => {
  const text = 'dent x';
  const rows: [number, number][] = [
    [beginTag('defect_type'), beginTag('loss_type')],
    [insideTag('defect_type'), insideTag('loss_type')],
    [insideTag('defect_type'), insideTag('loss_type')],
    [insideTag('defect_type'), insideTag('loss_type')],
    [0, 1],
    [0, 1],
  ];

  it('decodes the most probable well-formed spans', () => {
    expect(spansFromProbs(text, probs(rows))).toEqual([expect.objectContaining({ label: 'defect_type', start: 0, end: 4 })]);
  });

  it('keeps a claim free of inspection labels by dropping them, not by relabelling the text', () => {
    expect(spansFromProbs(text, probs(rows), 'inspection')).toEqual([expect.objectContaining({ label: 'defect_type', start: 0, end: 4 })]);
    expect(spansFromProbs(text, probs(rows), 'claim')).toEqual([]);
  });
});
