/**
 * Runs the exported tagger with onnxruntime-node: featurize, pad into cache-sized runs, run, and hand
 * back each document's [length, tags] probabilities. Decoding to spans is the caller's choice.
 * It carries the windows long documents are split into, sized to the model's receptive field as
 * the service sizes them, so evaluations score the serving path.
 */
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { DEFAULT_WINDOWS, type WindowOptions } from '../inference/windows';
import { runBudget, runChunks } from '../inference/run-chunks';
import { type Features, featurize, packBatch, SLOT_COUNT } from './features';
import { type ModelPrecision, quantizeWeights } from './quantize';
import { TAG_COUNT } from './tags';

/** An onnxruntime session for the model (a path or its bytes) at a serving precision; the inference worker loads the same way. */
export async function createModelSession(
  model: string | Uint8Array,
  precision: ModelPrecision,
  options: ort.InferenceSession.SessionOptions,
): Promise<ort.InferenceSession> {
  if (precision === 'int8') {
    const bytes = typeof model === 'string' ? new Uint8Array(await readFile(model)) : model;
    return ort.InferenceSession.create(quantizeWeights(bytes), options);
  }
  return typeof model === 'string' ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options);
}

export class OnnxTagger {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly windows: WindowOptions,
    readonly precision: ModelPrecision,
  ) {}

  /**
   * `model` is a file path or the model bytes; `windows` from windowsFor(the model's receptive field).
   * `fp32` runs the graph as exported (training, parity); loadModelTagger picks the serving precision.
   */
  static async load(model: string | Uint8Array, threads = 1, windows: WindowOptions = DEFAULT_WINDOWS, precision: ModelPrecision = 'fp32'): Promise<OnnxTagger> {
    const session = await createModelSession(model, precision, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    return new OnnxTagger(session, windows, precision);
  }

  /** Probabilities per text, row-major [text.length, TAG_COUNT]; run in cache-sized groups as the inference worker runs them. */
  async predict(texts: readonly string[]): Promise<Float32Array[]> {
    const feats = texts.map((t) => featurize(t));
    const out: Float32Array[] = [];
    for (const indices of runChunks(feats.map((f) => f.length), runBudget(this.precision))) {
      const chunk = indices.map((i) => feats[i] as Features);
      const { data, maxLen } = packBatch(chunk);
      const res = await this.session.run({ features: new ort.Tensor('int64', data, [chunk.length, maxLen, SLOT_COUNT]) });
      const probs = res.probs?.data as Float32Array;
      chunk.forEach((f, b) => out.push(probs.slice(b * maxLen * TAG_COUNT, (b * maxLen + f.length) * TAG_COUNT)));
    }
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
