import type { ModelPrecision } from '../model/quantize';

/**
 * How a micro-batch is cut into onnxruntime runs. Batching saves thread hops and per-request work,
 * but one big padded run is slower per character than several small ones: past ~1,000 positions the
 * block activations (positions x 192 floats per layer) fall out of the CPU cache. Measured on one
 * thread with 400-character documents: 1.56 ms each alone, 2.26 ms each in a run of 32
 * (bench/README.md). Runs of at most RUN_POSITIONS padded positions keep the cache warm and
 * still pack short windows together (where a run's fixed cost, ~0.05 ms, matters).
 */
export const RUN_POSITIONS = 512;

/**
 * The run budget for a serving precision. An int8 session quantizes its activations with one scale
 * per run, so windows packed together would nudge each other's results: each window runs alone
 * and a document's fields never depend on what it was batched with.
 */
export function runBudget(precision: ModelPrecision): number {
  return precision === 'int8' ? 0 : RUN_POSITIONS;
}

/**
 * Consecutive groups of `lengths` indices whose padded size (count x longest) stays within
 * `budget`; an item longer than the budget runs alone.
 */
export function runChunks(lengths: readonly number[], budget = RUN_POSITIONS): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  lengths.forEach((length, i) => {
    const nextLongest = Math.max(longest, length, 1);
    if (current.length > 0 && (current.length + 1) * nextLongest > budget) {
      chunks.push(current);
      current = [];
      longest = 0;
    }
    current.push(i);
    longest = Math.max(longest, length, 1);
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}
