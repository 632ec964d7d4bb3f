/**
 * Training throughput of the ONNX training graph + TypeScript Adam: one epoch over generated
 * documents in batches of ~4,000 characters, as `npm run train` runs them. Prints ms per step
 * (engine = the gradient graphs, rest = clipping, Adam, averaging, feature dropout), characters/s
 * and a hash of the trained parameters (equal hashes between runs = deterministic).
 *
 *   node -r ./scripts/register-ts.js bench/train-step.ts [documents=3000] [batchChars=4000] [width] [dilations]
 *
 * Width and dilations default to the shipped architecture (defaultConfig); the number of dilations
 * is the number of encoder blocks.
 *
 * For a before/after ratio, run it on both commits alternately (git worktree) on a quiet machine.
 */
import { createHash } from 'node:crypto';
import { generateDocuments } from '../libs/extraction/src/data/generator';
import { defaultConfig } from '../libs/extraction/src/model/network';
import { encodeDocument, entityTagWeights, type GradientEngine, trainModel } from '../libs/extraction/src/model/train';
import { OrtGradientEngine } from '../libs/extraction/src/model/train-graph';

async function main(): Promise<void> {
  const docs = generateDocuments({ seed: 7, count: Number(process.argv[2] ?? 3000), zhShare: 0.5, claimShare: 0.4 }).map(encodeDocument);
  const shipped = defaultConfig();
  const dilations = process.argv[5] ? process.argv[5].split(',').map(Number) : shipped.dilations;
  const config = defaultConfig({ width: Number(process.argv[4] ?? shipped.width), depth: dilations.length, dilations });
  const ort = await OrtGradientEngine.create(config, 2);
  let engineMs = 0;
  const engine: GradientEngine = {
    async compute(p, g, d, s, w) {
      const t = performance.now();
      const r = await ort.compute(p, g, d, s, w);
      engineMs += performance.now() - t;
      return r;
    },
  };
  const tagWeights = entityTagWeights();
  const started = performance.now();
  const r = await trainModel(docs, engine, {
    config,
    seed: 1,
    epochs: 1,
    batchChars: Number(process.argv[3] ?? 4000),
    learningRate: 0.003,
    clipNorm: 5,
    tagWeights,
    featureDropout: 0.4,
    averageDecay: 0.999,
  });
  const total = performance.now() - started;
  const perStep = (ms: number): string => (ms / r.steps).toFixed(1);
  console.log(
    `steps ${r.steps}, characters ${r.charsSeen}: ${perStep(total)} ms/step (engine ${perStep(engineMs)}, rest ${perStep(total - engineMs)}), ` +
      `${Math.round(r.charsSeen / (total / 1000))} characters/s`,
  );
  console.log(`parameters sha256 ${createHash('sha256').update(Buffer.from(r.network.params.buffer)).digest('hex').slice(0, 16)}`);
  await ort.release();
}
void main();
