/**
 * The network's forward pass and its hand-derived backward pass written out as one ONNX graph,
 * so onnxruntime's CPU kernels do the matrix work of training (JS typed-array loops manage about
 * 0.5 GMAC/s on this hardware, ORT's MatMul about 15). The maths is the same as
 * accumulateGradients() in train.ts, which stays the reference and is checked against finite
 * differences; a spec checks this graph against it.
 *
 * The embedding lookup and its sparse gradient stay in TypeScript: the graph takes the summed slot
 * embeddings `e` and returns d(loss)/d(e).
 */
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from './onnx-graph';
import { windowConcatNodes } from './onnx-export';
import { type BlockParams, type NetworkConfig, paramLayout, viewsOf } from './network';
import type { EncodedDoc } from './train';

const SLICE_TO_END = Number.MAX_SAFE_INTEGER;

export function buildTrainingModel(cfg: NetworkConfig): Uint8Array {
  const W = cfg.width;
  const P = cfg.pieces;
  const k = cfg.window;
  const span = 2 * k + 1;
  const T = cfg.tags;
  const g = new GraphBuilder('char_tagger_train');
  const e = g.input('e', 'float', ['batch', 'seq', W]);
  const mask = g.input('mask', 'float', ['batch', 'seq', 1]);
  const target = g.input('target', 'float', ['batch', 'seq', T]);
  const weight = g.input('weight', 'float', ['batch', 'seq', 1]);
  const embedGamma = g.input('embed_gamma', 'float', [W]);
  const embedBeta = g.input('embed_beta', 'float', [W]);
  const blocks = Array.from({ length: cfg.depth }, (_, l) => ({
    w: g.input(`block${l}_w`, 'float', [span * W, W * P]),
    b: g.input(`block${l}_b`, 'float', [W * P]),
    gamma: g.input(`block${l}_gamma`, 'float', [W]),
    beta: g.input(`block${l}_beta`, 'float', [W]),
  }));
  const outW = g.input('out_w', 'float', [W, T]);
  const outB = g.input('out_b', 'float', [T]);
  const eps = g.floatConst([cfg.epsilon], []);
  const axes01 = g.intConst([0, 1]);
  const axis0 = g.intConst([0]);

  const layerNorm = (x: string, gamma: string, beta: string): { y: string; xhat: string; inv: string } => {
    const mean = g.op('ReduceMean', [x], { axes: [-1], keepdims: 1 });
    const xc = g.op('Sub', [x, mean]);
    const variance = g.op('ReduceMean', [g.op('Mul', [xc, xc])], { axes: [-1], keepdims: 1 });
    const inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [variance, eps])])]);
    const xhat = g.op('Mul', [xc, inv]);
    return { y: g.op('Add', [g.op('Mul', [xhat, gamma]), beta]), xhat, inv };
  };
  const layerNormBack = (dy: string, c: { xhat: string; inv: string }, gamma: string, names: [string, string]): string => {
    g.op('ReduceSum', [g.op('Mul', [dy, c.xhat]), axes01], { keepdims: 0 }, [names[0]]);
    g.op('ReduceSum', [dy, axes01], { keepdims: 0 }, [names[1]]);
    const dxh = g.op('Mul', [dy, gamma]);
    const m1 = g.op('ReduceMean', [dxh], { axes: [-1], keepdims: 1 });
    const m2 = g.op('ReduceMean', [g.op('Mul', [dxh, c.xhat])], { axes: [-1], keepdims: 1 });
    return g.op('Mul', [c.inv, g.op('Sub', [g.op('Sub', [dxh, m1]), g.op('Mul', [c.xhat, m2])])]);
  };

  // Forward, keeping what the backward pass needs.
  const ln0 = layerNorm(e, embedGamma, embedBeta);
  let h = g.op('Mul', [ln0.y, mask]);
  const cache: { win: string; onehot: string; ln: { xhat: string; inv: string } }[] = [];
  blocks.forEach((b, l) => {
    const win = windowConcatNodes(g, h, k, cfg.dilations[l] as number);
    const z = g.op('Add', [g.op('MatMul', [win, b.w]), b.b]);
    const z4 = g.op('Reshape', [z, g.intConst([0, 0, W, P])]);
    const m = g.op('ReduceMax', [z4], { axes: [3], keepdims: 0 });
    // Winning piece as a 0/1 mask; exact ties (measure zero with float weights) would share the gradient.
    const onehot = g.op('Cast', [g.op('Equal', [z4, g.op('Unsqueeze', [m, g.intConst([3])])])], { to: 1 });
    const ln = layerNorm(m, b.gamma, b.beta);
    h = g.op('Add', [h, g.op('Mul', [ln.y, mask])]);
    cache.push({ win, onehot, ln });
  });
  const logits = g.op('Add', [g.op('MatMul', [h, outW]), outB]);
  const logp = g.op('LogSoftmax', [logits], { axis: -1 });
  g.op('Neg', [g.op('ReduceSum', [g.op('Mul', [target, logp])], { keepdims: 0 })], {}, ['loss']);
  g.output('loss', 'float', []);

  // Backward.
  const dlogits = g.op('Sub', [g.op('Mul', [g.op('Exp', [logp]), weight]), target]);
  const dlFlat = g.op('Reshape', [dlogits, g.intConst([-1, T])]);
  const hFlat = g.op('Reshape', [h, g.intConst([-1, W])]);
  g.op('Gemm', [hFlat, dlFlat], { transA: 1 }, ['d_out_w']);
  g.op('ReduceSum', [dlFlat, axis0], { keepdims: 0 }, ['d_out_b']);
  g.output('d_out_w', 'float', [W, T]);
  g.output('d_out_b', 'float', [T]);
  let dh = g.op('MatMul', [dlogits, g.op('Transpose', [outW], { perm: [1, 0] })]);
  for (let l = cfg.depth - 1; l >= 0; l--) {
    const b = blocks[l] as { w: string; gamma: string };
    const c = cache[l] as (typeof cache)[number];
    const d = cfg.dilations[l] as number;
    const dy = g.op('Mul', [dh, mask]);
    const dm = layerNormBack(dy, c.ln, b.gamma, [`d_block${l}_gamma`, `d_block${l}_beta`]);
    const dz4 = g.op('Mul', [g.op('Unsqueeze', [dm, g.intConst([3])]), c.onehot]);
    const dzFlat = g.op('Reshape', [dz4, g.intConst([-1, W * P])]);
    const winFlat = g.op('Reshape', [c.win, g.intConst([-1, span * W])]);
    g.op('Gemm', [winFlat, dzFlat], { transA: 1 }, [`d_block${l}_w`]);
    g.op('ReduceSum', [dzFlat, axis0], { keepdims: 0 }, [`d_block${l}_b`]);
    const dz = g.op('Reshape', [dz4, g.intConst([0, 0, W * P])]);
    const dwin = g.op('MatMul', [dz, g.op('Transpose', [b.w], { perm: [1, 0] })]);
    // Window position j read h[t + (j-k)d]; its gradient lands back on that position.
    const padded = g.op('Pad', [dwin, g.intConst([0, k * d, 0, 0, k * d, 0])], { mode: 'constant' });
    const pieces: string[] = [dh];
    for (let j = 0; j < span; j++) {
      const end = j === 0 ? SLICE_TO_END : -(j * d);
      pieces.push(
        g.op('Slice', [padded, g.intConst([(2 * k - j) * d, j * W]), g.intConst([end, (j + 1) * W]), g.intConst([1, 2])]),
      );
    }
    dh = g.op('Sum', pieces);
    g.output(`d_block${l}_w`, 'float', [span * W, W * P]);
    g.output(`d_block${l}_b`, 'float', [W * P]);
    g.output(`d_block${l}_gamma`, 'float', [W]);
    g.output(`d_block${l}_beta`, 'float', [W]);
  }
  const de = layerNormBack(g.op('Mul', [dh, mask]), ln0, embedGamma, ['d_embed_gamma', 'd_embed_beta']);
  g.op('Identity', [de], {}, ['d_e']);
  g.output('d_embed_gamma', 'float', [W]);
  g.output('d_embed_beta', 'float', [W]);
  g.output('d_e', 'float', ['batch', 'seq', W]);
  return g.toBytes(17);
}

export interface BatchGradient {
  loss: number;
  /** Embedding rows with a gradient, sorted. */
  rows: number[];
}

/** Computes a batch's gradient with the training graph; the embedding gradient is scattered in TS. */
export class OrtGradientEngine {
  /** One mark per embedding row: which rows this batch's gradient touched. */
  private readonly touched: Uint8Array;

  private constructor(
    private readonly cfg: NetworkConfig,
    private readonly session: ort.InferenceSession,
  ) {
    this.touched = new Uint8Array(cfg.rows);
  }

  static async create(cfg: NetworkConfig, threads: number): Promise<OrtGradientEngine> {
    const session = await ort.InferenceSession.create(buildTrainingModel(cfg), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new OrtGradientEngine(cfg, session);
  }

  /**
   * Writes the gradient of sum over positions of tagWeight * scale * CE into `grad` (which must be
   * zero on entry for the rows and dense part it reports) and returns the loss.
   */
  async compute(
    params: Float32Array,
    grad: Float32Array,
    docs: readonly EncodedDoc[],
    scale: number,
    tagWeights?: Float32Array,
  ): Promise<BatchGradient> {
    const cfg = this.cfg;
    const W = cfg.width;
    const T = cfg.tags;
    const S = cfg.slots;
    const p = viewsOf(cfg, params);
    const gv = viewsOf(cfg, grad);
    const B = docs.length;
    const L = Math.max(1, ...docs.map((d) => d.length));
    const e = new Float32Array(B * L * W);
    const mask = new Float32Array(B * L);
    const weight = new Float32Array(B * L);
    const target = new Float32Array(B * L * T);
    const embed = p.embed;
    const offsets = cfg.slotOffsets;
    docs.forEach((d, b) => {
      const ids = d.ids;
      for (let t = 0; t < d.length; t++) {
        const pos = b * L + t;
        mask[pos] = 1;
        const gold = d.tags[t] as number;
        const w = (tagWeights ? (tagWeights[gold] as number) : 1) * scale;
        weight[pos] = w;
        target[pos * T + gold] = w;
        // Slots are added in order 0..S-1, so the sum is the same float as the reference pass's.
        const at = pos * W;
        for (let s = 0; s < S; s++) {
          const row = ((offsets[s] as number) + (ids[t * S + s] as number)) * W;
          for (let i = 0; i < W; i++) e[at + i] = (e[at + i] as number) + (embed[row + i] as number);
        }
      }
    });
    const f = (data: Float32Array, dims: number[]): ort.Tensor => new ort.Tensor('float32', data, dims);
    const span = 2 * cfg.window + 1;
    const feeds: Record<string, ort.Tensor> = {
      e: f(e, [B, L, W]),
      mask: f(mask, [B, L, 1]),
      target: f(target, [B, L, T]),
      weight: f(weight, [B, L, 1]),
      embed_gamma: f(p.embedGamma, [W]),
      embed_beta: f(p.embedBeta, [W]),
      out_w: f(p.outWeight, [W, T]),
      out_b: f(p.outBias, [T]),
    };
    p.blocks.forEach((bl: BlockParams, l) => {
      feeds[`block${l}_w`] = f(bl.weight, [span * W, W * cfg.pieces]);
      feeds[`block${l}_b`] = f(bl.bias, [W * cfg.pieces]);
      feeds[`block${l}_gamma`] = f(bl.gamma, [W]);
      feeds[`block${l}_beta`] = f(bl.beta, [W]);
    });
    const out = await this.session.run(feeds);
    const get = (name: string): Float32Array => {
      const t = out[name];
      if (!t) throw new Error(`training graph produced no ${name}`);
      return t.data as Float32Array;
    };
    const add = (dst: Float32Array, src: Float32Array): void => {
      for (let i = 0; i < dst.length; i++) dst[i] = (dst[i] as number) + (src[i] as number);
    };
    add(gv.embedGamma, get('d_embed_gamma'));
    add(gv.embedBeta, get('d_embed_beta'));
    add(gv.outWeight, get('d_out_w'));
    add(gv.outBias, get('d_out_b'));
    gv.blocks.forEach((bl, l) => {
      add(bl.weight, get(`d_block${l}_w`));
      add(bl.bias, get(`d_block${l}_b`));
      add(bl.gamma, get(`d_block${l}_gamma`));
      add(bl.beta, get(`d_block${l}_beta`));
    });
    const de = get('d_e');
    const gEmbed = gv.embed;
    const touched = this.touched;
    docs.forEach((d, b) => {
      const ids = d.ids;
      for (let t = 0; t < d.length; t++) {
        const from = (b * L + t) * W;
        for (let s = 0; s < S; s++) {
          const row = (offsets[s] as number) + (ids[t * S + s] as number);
          touched[row] = 1;
          const o = row * W;
          for (let i = 0; i < W; i++) gEmbed[o + i] = (gEmbed[o + i] as number) + (de[from + i] as number);
        }
      }
    });
    // Scanning the marks lists the rows in ascending order, as a sorted Set would, without hashing 44k ids a step.
    const rows: number[] = [];
    for (let row = 0; row < touched.length; row++) {
      if (touched[row] === 0) continue;
      rows.push(row);
      touched[row] = 0;
    }
    return { loss: (out.loss?.data as Float32Array)[0] as number, rows };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

export function parameterCount(cfg: NetworkConfig): number {
  return paramLayout(cfg).size;
}
