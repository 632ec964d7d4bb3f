/**
 * The network's forward pass and its hand-derived backward pass written out as one ONNX graph,
 * so onnxruntime's CPU kernels do the matrix work of training (JS typed-array loops manage about
 * 0.5 GMAC/s on this hardware, ORT's MatMul about 15). The maths is the same as
 * accumulateGradients() in train.ts, which stays the reference and is checked against finite
 * differences; a spec checks this graph against it.
 *
 * The graph reads the embedding table and the batch's row ids itself and returns d(loss)/d(e) for
 * the summed slot embeddings; a second, single-threaded graph adds that into the rows the batch
 * touched (buildEmbeddingScatterModel). What made a step slow was never the MatMuls but
 * onnxruntime's slow paths: broadcasts over a trailing axis of 2 (maxout), ReduceSum over leading
 * axes, and typed-array loops in JS for the lookup; each is written around here.
 */
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from './onnx-graph';
import { inverseOrder, maxoutNodes, pieceMajorOrder, shiftNodes, windowConcatNodes } from './onnx-export';
import { type BlockParams, type NetworkConfig, paramLayout, viewsOf } from './network';
import { type BatchGradient, type EncodedDoc, writeTarget } from './train';

export function buildTrainingModel(cfg: NetworkConfig): Uint8Array {
  const W = cfg.width;
  const P = cfg.pieces;
  const k = cfg.window;
  const span = 2 * k + 1;
  const T = cfg.tags;
  const g = new GraphBuilder('char_tagger_train');
  const table = g.input('embed', 'float', ['rows', W]);
  const rowIds = g.input('rows', 'int32', ['batch', 'seq', cfg.slots]);
  const e = g.op('ReduceSum', [g.op('Gather', [table, rowIds], { axis: 0 }), g.intConst([2])], { keepdims: 0 });
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
  const unitGamma = g.floatConst(new Array<number>(W).fill(1));
  const zeroBeta = g.floatConst(new Array<number>(W).fill(0));
  const zero = g.floatConst([0], []);
  // Bias, gain and shift gradients are column sums over positions; a [1, N] x [N, C] MatMul with
  // the mask row (padded positions carry no gradient anyway) is much faster in onnxruntime than
  // ReduceSum over the leading axes.
  const maskRow = g.op('Reshape', [mask, g.intConst([1, -1])]);
  const columnSum = (x: string, cols: number, name?: string): string =>
    g.op('Reshape', [g.op('MatMul', [maskRow, g.op('Reshape', [x, g.intConst([-1, cols])])]), g.intConst([cols])], {}, name ? [name] : undefined);
  // The block weights arrive in network.ts's layout; the graph works piece-major (see
  // pieceMajorOrder) and hands the gradients back in the stored layout.
  const order = pieceMajorOrder(W, P);
  const toPieceMajor = g.intConst(order);
  const toStored = g.intConst(inverseOrder(order));

  const layerNorm = (x: string, gamma: string, beta: string): { y: string; xhat: string; inv: string } => {
    const [xhat, , inv] = g.opMulti('LayerNormalization', [x, unitGamma, zeroBeta], 3, { axis: -1, epsilon: { float: cfg.epsilon } }) as [
      string,
      string,
      string,
    ];
    return { y: g.op('Add', [g.op('Mul', [xhat, gamma]), beta]), xhat, inv };
  };
  const layerNormBack = (dy: string, c: { xhat: string; inv: string }, gamma: string, names: [string, string]): string => {
    columnSum(g.op('Mul', [dy, c.xhat]), W, names[0]);
    columnSum(dy, W, names[1]);
    const dxh = g.op('Mul', [dy, gamma]);
    const m1 = g.op('ReduceMean', [dxh], { axes: [-1], keepdims: 1 });
    const m2 = g.op('ReduceMean', [g.op('Mul', [dxh, c.xhat])], { axes: [-1], keepdims: 1 });
    return g.op('Mul', [c.inv, g.op('Sub', [g.op('Sub', [dxh, m1]), g.op('Mul', [c.xhat, m2])])]);
  };

  // Forward, keeping what the backward pass needs.
  const ln0 = layerNorm(e, embedGamma, embedBeta);
  let h = g.op('Mul', [ln0.y, mask]);
  const cache: { win: string; w: string; won: string[]; earlier: string; ln: { xhat: string; inv: string } }[] = [];
  blocks.forEach((b, l) => {
    const win = windowConcatNodes(g, h, k, cfg.dilations[l] as number);
    const w = g.op('Gather', [b.w, toPieceMajor], { axis: 1 });
    const z = g.op('Add', [g.op('MatMul', [win, w]), g.op('Gather', [b.b, toPieceMajor], { axis: 0 })]);
    const { slices, max } = maxoutNodes(g, z, P);
    // The first piece equal to the max wins, as network.ts's argmax does. `won[p]` says piece p won;
    // the last piece won wherever `earlier` (some piece before it did) is false. The backward pass
    // routes d(max) with Where on these.
    const won: string[] = [];
    let earlier = '';
    slices.forEach((s, p) => {
      if (p === slices.length - 1) return;
      const isMax = g.op('Equal', [s, max]);
      won.push(p === 0 ? isMax : g.op('And', [isMax, g.op('Not', [earlier])]));
      earlier = p === 0 ? isMax : g.op('Or', [earlier, isMax]);
    });
    const ln = layerNorm(max, b.gamma, b.beta);
    h = g.op('Add', [h, g.op('Mul', [ln.y, mask])]);
    cache.push({ win, w, won, earlier, ln });
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
  columnSum(dlFlat, T, 'd_out_b');
  g.output('d_out_w', 'float', [W, T]);
  g.output('d_out_b', 'float', [T]);
  let dh = g.op('MatMul', [dlogits, g.op('Transpose', [outW], { perm: [1, 0] })]);
  for (let l = cfg.depth - 1; l >= 0; l--) {
    const b = blocks[l] as { gamma: string };
    const c = cache[l] as (typeof cache)[number];
    const d = cfg.dilations[l] as number;
    const dy = g.op('Mul', [dh, mask]);
    const dm = layerNormBack(dy, c.ln, b.gamma, [`d_block${l}_gamma`, `d_block${l}_beta`]);
    const dzParts =
      P === 1 ? [dm] : [...c.won.map((won) => g.op('Where', [won, dm, zero])), g.op('Where', [c.earlier, zero, dm])];
    const dz = dzParts.length === 1 ? (dzParts[0] as string) : g.op('Concat', dzParts, { axis: -1 });
    const dzFlat = g.op('Reshape', [dz, g.intConst([-1, W * P])]);
    // win^T dz with win transposed first: onnxruntime's Gemm(transA) over a [positions, 3W] input
    // was ~1.7x slower than this MatMul, and the Reshape stops the optimiser fusing it back.
    const winT = g.op('Reshape', [g.op('Transpose', [c.win], { perm: [2, 0, 1] }), g.intConst([span * W, -1])]);
    g.op('Gather', [g.op('MatMul', [winT, dzFlat]), toStored], { axis: 1 }, [`d_block${l}_w`]);
    g.op('Gather', [columnSum(dzFlat, W * P), toStored], { axis: 0 }, [`d_block${l}_b`]);
    const dwin = g.op('MatMul', [dz, g.op('Transpose', [c.w], { perm: [1, 0] })]);
    // Window position j read h[t + (j-k)d]; its gradient lands back on that position.
    const parts = span === 1 ? [dwin] : g.opMulti('Split', [dwin], span, { axis: -1 });
    const pieces: string[] = [dh, ...parts.map((part, j) => shiftNodes(g, part, -(j - k) * d))];
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

/**
 * Adds d(loss)/d(e) into the embedding rows each position read: every slot's row receives the
 * whole of d(e) at its position, and rows read several times add up. Its own graph because it must
 * run on one thread: ScatterND's add reduction is split across threads without ordering, which
 * made the gradient differ from run to run.
 */
export function buildEmbeddingScatterModel(cfg: NetworkConfig): Uint8Array {
  const W = cfg.width;
  const g = new GraphBuilder('embedding_scatter');
  const de = g.input('d_e', 'float', ['batch', 'seq', W]);
  // Index into the batch's touched rows (ascending), not the whole table: a 4 MB result, not 13.
  const touchedIds = g.input('touched_ids', 'int32', ['batch', 'seq', cfg.slots]);
  const touchedShape = g.input('touched_shape', 'int64', [2]);
  const slotShape = g.op('Concat', [g.op('Shape', [touchedIds]), g.intConst([W])], { axis: 0 });
  const perSlot = g.op('Expand', [g.op('Unsqueeze', [de, g.intConst([2])]), slotShape]);
  const index = g.op('Unsqueeze', [g.op('Cast', [touchedIds], { to: 7 }), g.intConst([3])]);
  g.op('ScatterND', [g.op('ConstantOfShape', [touchedShape]), index, perSlot], { reduction: 'add' }, ['d_touched']);
  g.output('d_touched', 'float', ['touched', W]);
  return g.toBytes(17);
}

/** Computes a batch's gradient with the training graph and the embedding scatter graph. */
export class OrtGradientEngine {
  /** Per embedding row: 1 + its index among the rows this batch touched, or 0. */
  private readonly touchedIndex: Int32Array;

  private constructor(
    private readonly cfg: NetworkConfig,
    private readonly session: ort.InferenceSession,
    private readonly scatter: ort.InferenceSession,
  ) {
    this.touchedIndex = new Int32Array(cfg.rows);
  }

  static async create(cfg: NetworkConfig, threads: number): Promise<OrtGradientEngine> {
    const options = (intraOpNumThreads: number): ort.InferenceSession.SessionOptions => ({
      intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
    const session = await ort.InferenceSession.create(buildTrainingModel(cfg), options(threads));
    const scatter = await ort.InferenceSession.create(buildEmbeddingScatterModel(cfg), options(1));
    return new OrtGradientEngine(cfg, session, scatter);
  }

  /**
   * The gradient of sum over positions of tagWeight * scale * CE: the dense part added into `grad`,
   * the embedding rows returned (see GradientEngine).
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
    const rowIds = new Int32Array(B * L * S);
    const mask = new Float32Array(B * L);
    const weight = new Float32Array(B * L);
    const target = new Float32Array(B * L * T);
    const offsets = cfg.slotOffsets;
    const index = this.touchedIndex;
    docs.forEach((d, b) => {
      const ids = d.ids;
      for (let t = 0; t < L; t++) {
        const pos = b * L + t;
        // Beyond a document's end every slot reads its padding row, which is all zeros.
        const real = t < d.length;
        for (let s = 0; s < S; s++) {
          const row = (offsets[s] as number) + (real ? (ids[t * S + s] as number) : 0);
          rowIds[pos * S + s] = row;
          if (real) index[row] = 1;
        }
        if (!real) continue;
        mask[pos] = 1;
        const gold = d.tags[t] as number;
        const w = (tagWeights ? (tagWeights[gold] as number) : 1) * (d.weights ? (d.weights[t] as number) : 1) * scale;
        weight[pos] = w;
        writeTarget(d, t, T, w, target, pos * T);
      }
    });
    // Scanning the marks lists the rows in ascending order, as a sorted Set would, without hashing 44k ids a step.
    const rows: number[] = [];
    for (let row = 0; row < index.length; row++) if (index[row] !== 0) index[row] = rows.push(row);
    // Padded positions point at touched row 0; their d(e) is zero, so they add nothing.
    const touchedIds = rowIds.map((row) => Math.max(0, (index[row] as number) - 1));
    for (const row of rows) index[row] = 0;

    const f = (data: Float32Array, dims: number[]): ort.Tensor => new ort.Tensor('float32', data, dims);
    const span = 2 * cfg.window + 1;
    const feeds: Record<string, ort.Tensor> = {
      embed: f(p.embed, [cfg.rows, W]),
      rows: new ort.Tensor('int32', rowIds, [B, L, S]),
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
    const tensor = (o: ort.InferenceSession.OnnxValueMapType, name: string): ort.Tensor => {
      const t = o[name];
      if (!t) throw new Error(`training graph produced no ${name}`);
      return t;
    };
    const get = (name: string): Float32Array => tensor(out, name).data as Float32Array;
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
    const scattered = await this.scatter.run({
      d_e: tensor(out, 'd_e'),
      touched_ids: new ort.Tensor('int32', touchedIds, [B, L, S]),
      touched_shape: new ort.Tensor('int64', BigInt64Array.of(BigInt(rows.length), BigInt(W)), [2]),
    });
    return { loss: get('loss')[0] as number, rows, rowGrads: tensor(scattered, 'd_touched').data as Float32Array };
  }

  async release(): Promise<void> {
    await this.session.release();
    await this.scatter.release();
  }
}

export function parameterCount(cfg: NetworkConfig): number {
  return paramLayout(cfg).size;
}
