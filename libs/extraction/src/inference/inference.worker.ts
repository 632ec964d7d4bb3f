/**
 * Piscina worker: one onnxruntime-node session per thread, loaded once when the thread starts.
 * A task is one micro-batch of window texts; featurizing, the padded runs (cache-sized: run-chunks.ts)
 * and Viterbi decoding all happen here so the HTTP event loop only queues and assembles.
 */
import { workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { decodeSpans, type DecodedSpan } from '../decode/viterbi';
import { type Features, featurize, packBatch, SLOT_COUNT } from '../model/features';
import { createModelSession } from '../model/onnx-tagger';
import type { ModelPrecision } from '../model/quantize';
import { runBudget, runChunks } from './run-chunks';
import { type DocumentKind, spanLabelsOf } from '../schema/fields';

export interface WorkerConfig {
  modelPath: string;
  /** onnxruntime intra-op threads of this worker's session. */
  intraOpThreads: number;
  tags: readonly string[];
  precision: ModelPrecision;
}

export interface WorkerTask {
  texts: string[];
  /** The document kind of each text: spans of the other kind's labels are dropped. */
  kinds: DocumentKind[];
}

export interface WorkerResult {
  spans: DecodedSpan[][];
  /** Time spent in session.run, for metrics. */
  runMs: number;
}

function createHandler(config: WorkerConfig): (task: WorkerTask) => Promise<WorkerResult> {
  // Loading starts with the thread; a failed load fails every task with the load error.
  const loading = createModelSession(config.modelPath, config.precision, {
    intraOpNumThreads: config.intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  });
  loading.catch(() => undefined);
  const tagCount = config.tags.length;

  return async ({ texts, kinds }: WorkerTask): Promise<WorkerResult> => {
    const session = await loading;
    const feats = texts.map((t) => featurize(t));
    const spans: DecodedSpan[][] = new Array(texts.length);
    let runMs = 0;
    for (const chunk of runChunks(feats.map((f) => f.length), runBudget(config.precision))) {
      const { data, maxLen } = packBatch(chunk.map((i) => feats[i] as Features));
      const started = performance.now();
      const out = await session.run({ features: new ort.Tensor('int64', data, [chunk.length, maxLen, SLOT_COUNT]) });
      runMs += performance.now() - started;
      const probs = out.probs?.data as Float32Array | undefined;
      if (probs === undefined || probs.length !== chunk.length * maxLen * tagCount) {
        throw new Error(`model output "probs" has ${probs?.length ?? 0} values, expected ${chunk.length}x${maxLen}x${tagCount}`);
      }
      chunk.forEach((i, b) => {
        const length = (feats[i] as Features).length;
        spans[i] = decodeSpans(probs.subarray(b * maxLen * tagCount, (b * maxLen + length) * tagCount), length, config.tags, {
          text: texts[i] ?? '',
          labels: spanLabelsOf(kinds[i] ?? 'inspection'),
        });
      });
    }
    return { spans, runMs };
  };
}

module.exports = createHandler(workerData as WorkerConfig);
