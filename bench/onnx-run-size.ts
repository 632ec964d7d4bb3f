/**
 * ONNX time per document by documents per onnxruntime run, one thread, steady state: how big a run
 * the inference worker should make (run-chunks.ts). Documents are generated texts cut to `length`.
 *
 *   node -r ./scripts/register-ts.js bench/onnx-run-size.ts [--model models/extractor.onnx] [--length 400]
 */
import { Command } from 'commander';
import * as ort from 'onnxruntime-node';
import { generateDocuments } from '../libs/extraction/src/data/generator';
import { featurize, packBatch, SLOT_COUNT } from '../libs/extraction/src/model/features';

async function main(): Promise<void> {
  const o = new Command()
    .option('--model <path>', 'ONNX model', 'models/extractor.onnx')
    .option('--length <n>', 'characters per document', '400')
    .parse(process.argv)
    .opts<{ model: string; length: string }>();
  const length = Number(o.length);
  const session = await ort.InferenceSession.create(o.model, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' });
  const texts = generateDocuments({ seed: 3, count: 400, zhShare: 0.5, claimShare: 0.4 })
    .map((d) => `${d.text} ${d.text} ${d.text} ${d.text}`.slice(0, length))
    .filter((t) => t.length === length)
    .slice(0, 64);
  const feats = texts.map((t) => featurize(t));
  const sizes = [1, 2, 4, 8, 16, 32, 64];
  const ms: number[] = [];
  for (const size of sizes) {
    const { data, maxLen } = packBatch(feats.slice(0, size));
    const input = { features: new ort.Tensor('int64', data, [size, maxLen, SLOT_COUNT]) };
    for (let i = 0; i < 3; i++) await session.run(input);
    const runs = Math.ceil(256 / size);
    const started = performance.now();
    for (let i = 0; i < runs; i++) await session.run(input);
    ms.push((performance.now() - started) / runs / size);
  }
  await session.release();
  console.log(`| documents per run (${length} characters) | ${sizes.join(' | ')} |`);
  console.log(`|---|${sizes.map(() => '---:').join('|')}|`);
  console.log(`| ms per document | ${ms.map((m) => m.toFixed(2)).join(' | ')} |`);
}
void main();
