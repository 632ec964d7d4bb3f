/**
 * Runs the exported tagger with onnxruntime-node: featurize, pad into cache-sized runs, run, and hand
 * back each document's [length, tags] probabilities. Decoding to spans is the caller's choice.
 * It carries the windows long documents are split into, sized to the model's receptive field as
 * the service sizes them, so evaluations score the serving path.
 */
import * as ort from 'onnxruntime-node';
import { DEFAULT_WINDOWS, type WindowOptions } from '../inference/windows';
import { runChunks } from '../inference/run-chunks';
import { type Features, featurize, packBatch, SLOT_COUNT } from './features';
import { TAG_COUNT } from './tags';

export class OnnxTagger {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly windows: WindowOptions,
  ) {}

  /** `model` is a file path or the model bytes; `windows` from windowsFor(the model's receptive field). */
  static async load(model: string | Uint8Array, threads = 1, windows: WindowOptions = DEFAULT_WINDOWS): Promise<OnnxTagger> {
    const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    const session =
      typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
    return new OnnxTagger(session, windows);
  }

  /** Probabilities per text, row-major [text.length, TAG_COUNT]; run in cache-sized groups as the inference worker runs them. */
  async predict(texts: readonly string[]): Promise<Float32Array[]> {
    const feats = texts.map((t) => featurize(t));
    const out: Float32Array[] = [];
    for (const indices of runChunks(feats.map((f) => f.length))) {
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
