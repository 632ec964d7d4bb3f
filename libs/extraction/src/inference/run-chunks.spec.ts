import { RUN_POSITIONS, runChunks } from './run-chunks';

describe('runChunks', () => {
  it('runs long windows alone and packs short ones up to the position budget', () => {
    expect(runChunks([400, 400, 400])).toEqual([[0], [1], [2]]);
    expect(runChunks([100, 120, 90, 128, 60])).toEqual([[0, 1, 2, 3], [4]]);
    expect(runChunks([600])).toEqual([[0]]);
    expect(runChunks([])).toEqual([]);
  });

  it('keeps every index once, in order, and every chunk within the budget unless it holds one item', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 700) + 1);
    const chunks = runChunks(lengths);
    expect(chunks.flat()).toEqual(lengths.map((_, i) => i));
    for (const c of chunks) {
      const padded = c.length * Math.max(...c.map((i) => lengths[i] as number));
      if (c.length > 1) expect(padded).toBeLessThanOrEqual(RUN_POSITIONS);
    }
  });
});
