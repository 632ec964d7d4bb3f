/**
 * Hand-written backprop and Adam for the network in network.ts. Float32Array math only; the
 * gradient of a batch is the sum of per-shard gradients added in a fixed order, so the result is
 * the same whether shards run on one thread or on worker threads.
 */
import type { LabelledDocument } from '../schema/fields';
import { Rng } from '../data/prng';
import { featurize } from './features';
import {
  type BlockParams,
  type NetworkConfig,
  type ParamViews,
  Network,
  forward,
  initParams,
  paramLayout,
  viewsOf,
} from './network';
import { OUTSIDE, TAGS, beginTag, insideTag, isBegin } from './tags';

export interface EncodedDoc {
  ids: Int32Array;
  tags: Uint8Array;
  length: number;
  /** Loss multiplier per position (absent = 1 everywhere): see edgeWeights. */
  weights?: Float32Array;
  /**
   * Target distribution per position, [length, tags] in 1/255ths (absent = the gold tag alone): the
   * gold tag mixed with teachers' probabilities when distilling (softTargets).
   */
  soft?: Uint8Array;
}

/**
 * Distillation targets: per position, (1 - share) x the gold tag + share x the teachers' mean
 * probabilities, quantised to bytes (a soft target for 11M characters x 55 tags is 0.6 GB as bytes,
 * 2.5 GB as floats). The loss with them is the cross-entropy against the mixture.
 */
export function softTargets(tags: Uint8Array, teacherProbs: Float32Array, tagCount: number, share: number): Uint8Array {
  const out = new Uint8Array(tags.length * tagCount);
  for (let r = 0; r < tags.length; r++) {
    for (let t = 0; t < tagCount; t++) {
      const p = share * (teacherProbs[r * tagCount + t] as number) + (t === tags[r] ? 1 - share : 0);
      out[r * tagCount + t] = Math.round(Math.min(1, Math.max(0, p)) * 255);
    }
  }
  return out;
}

/** Writes position r's target distribution, scaled to sum to `w`, into `into` at `offset` (one-hot without soft targets). */
export function writeTarget(doc: EncodedDoc, r: number, T: number, w: number, into: Float32Array, offset: number): void {
  const soft = doc.soft;
  if (!soft) {
    into[offset + (doc.tags[r] as number)] = w;
    return;
  }
  let sum = 0;
  for (let t = 0; t < T; t++) sum += soft[r * T + t] as number;
  for (let t = 0; t < T; t++) into[offset + t] = (w * (soft[r * T + t] as number)) / sum;
}

/**
 * Per-position loss multipliers that weigh a span's edges `edgeWeight` times: its first and last
 * characters and the character just after it. Most served errors on hand-written text are right label,
 * wrong extent; this asks the model to get the extent right rather than the interior.
 */
export function edgeWeights(tags: Uint8Array, length: number, edgeWeight: number): Float32Array {
  const w = new Float32Array(length).fill(1);
  for (let i = 0; i < length; i++) {
    const t = tags[i] as number;
    if (t === OUTSIDE) continue;
    // I-x sits right after B-x in TAGS: the span goes on where the next tag is this span's I.
    const inside = isBegin(t) ? t + 1 : t;
    const next = i + 1 < length ? (tags[i + 1] as number) : OUTSIDE;
    if (isBegin(t)) w[i] = edgeWeight;
    if (next !== inside) {
      w[i] = edgeWeight;
      if (i + 1 < length) w[i + 1] = edgeWeight;
    }
  }
  return w;
}

/** Gold BIO tags per UTF-16 unit; span edges are trimmed of whitespace, as the evaluation does. */
export function goldTags(doc: LabelledDocument): Uint8Array {
  const tags = new Uint8Array(doc.text.length).fill(OUTSIDE);
  for (const s of doc.spans) {
    let a = s.start;
    let b = s.end;
    while (a < b && /\s/.test(doc.text[a] as string)) a++;
    while (b > a && /\s/.test(doc.text[b - 1] as string)) b--;
    if (a >= b) continue;
    tags[a] = beginTag(s.label);
    for (let i = a + 1; i < b; i++) tags[i] = insideTag(s.label);
  }
  return tags;
}

export function encodeDocument(doc: LabelledDocument): EncodedDoc {
  const f = featurize(doc.text);
  return { ids: f.ids, tags: goldTags(doc), length: f.length };
}

/** Backprop of one sequence's cross-entropy, scaled by `scale`, accumulated into `g`; returns the scaled loss. */
export function accumulateGradients(
  cfg: NetworkConfig,
  p: ParamViews,
  g: ParamViews,
  doc: EncodedDoc,
  scale: number,
  touchedRows: Set<number>,
  tagWeights?: Float32Array,
): number {
  const n = doc.length;
  if (n === 0) return 0;
  const W = cfg.width;
  const P = cfg.pieces;
  const k = cfg.window;
  const span = 2 * k + 1;
  const T = cfg.tags;
  const c = forward(cfg, p, doc.ids, n, true);

  let loss = 0;
  const dlogits = new Float32Array(n * T);
  const target = new Float32Array(T);
  for (let r = 0; r < n; r++) {
    const gold = doc.tags[r] as number;
    const w = (tagWeights ? (tagWeights[gold] as number) : 1) * (doc.weights ? (doc.weights[r] as number) : 1) * scale;
    target.fill(0);
    writeTarget(doc, r, T, w, target, 0);
    for (let t = 0; t < T; t++) {
      const y = target[t] as number;
      if (y !== 0) loss -= y * Math.log(Math.max(c.probs[r * T + t] as number, 1e-12));
      dlogits[r * T + t] = w * (c.probs[r * T + t] as number) - y;
    }
  }

  // Output layer.
  const dh = new Float32Array(n * W);
  for (let r = 0; r < n; r++) {
    for (let t = 0; t < T; t++) g.outBias[t] = (g.outBias[t] as number) + (dlogits[r * T + t] as number);
    for (let i = 0; i < W; i++) {
      const hv = c.hidden[r * W + i] as number;
      const wr = i * T;
      let acc = 0;
      for (let t = 0; t < T; t++) {
        const dl = dlogits[r * T + t] as number;
        g.outWeight[wr + t] = (g.outWeight[wr + t] as number) + hv * dl;
        acc += dl * (p.outWeight[wr + t] as number);
      }
      dh[r * W + i] = acc;
    }
  }

  const dm = new Float32Array(n * W);
  const dwin = new Float32Array(n * span * W);
  for (let l = cfg.depth - 1; l >= 0; l--) {
    const b = p.blocks[l] as BlockParams;
    const gb = g.blocks[l] as BlockParams;
    const xhat = c.xhat[l] as Float32Array;
    const inv = c.invStd[l] as Float32Array;
    const am = c.argmax[l] as Int32Array;
    const win = c.windows[l] as Float32Array;
    layerNormBackward(dh, xhat, inv, b.gamma, gb.gamma, gb.beta, n, W, dm);
    // Maxout routes each unit's gradient to its winning piece only, so the matmuls below visit
    // one column in P: the weight column of unit u is u*P + argmax.
    const inDim = span * W;
    const outDim = W * P;
    dwin.fill(0);
    for (let r = 0; r < n; r++) {
      const wr = r * inDim;
      for (let u = 0; u < W; u++) {
        const d = dm[r * W + u] as number;
        if (d === 0) continue;
        const col = u * P + (am[r * W + u] as number);
        gb.bias[col] = (gb.bias[col] as number) + d;
        for (let i = 0; i < inDim; i++) {
          const idx = i * outDim + col;
          gb.weight[idx] = (gb.weight[idx] as number) + (win[wr + i] as number) * d;
          dwin[wr + i] = (dwin[wr + i] as number) + (b.weight[idx] as number) * d;
        }
      }
    }
    // The residual passes dh through unchanged; the window adds its share at each source position.
    const dil = cfg.dilations[l] as number;
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < span; j++) {
        const src = t + (j - k) * dil;
        if (src < 0 || src >= n) continue;
        const from = (t * span + j) * W;
        const to = src * W;
        for (let i = 0; i < W; i++) dh[to + i] = (dh[to + i] as number) + (dwin[from + i] as number);
      }
    }
  }

  const de = new Float32Array(n * W);
  layerNormBackward(dh, c.embedXhat, c.embedInvStd, p.embedGamma, g.embedGamma, g.embedBeta, n, W, de);
  const S = cfg.slots;
  for (let t = 0; t < n; t++) {
    for (let s = 0; s < S; s++) {
      const row = (cfg.slotOffsets[s] as number) + (doc.ids[t * S + s] as number);
      touchedRows.add(row);
      const o = row * W;
      for (let i = 0; i < W; i++) g.embed[o + i] = (g.embed[o + i] as number) + (de[t * W + i] as number);
    }
  }
  return loss;
}

function layerNormBackward(
  dy: Float32Array,
  xhat: Float32Array,
  inv: Float32Array,
  gamma: Float32Array,
  dgamma: Float32Array,
  dbeta: Float32Array,
  n: number,
  W: number,
  dx: Float32Array,
): void {
  for (let r = 0; r < n; r++) {
    const o = r * W;
    let sum = 0;
    let sumX = 0;
    for (let i = 0; i < W; i++) {
      const d = dy[o + i] as number;
      const xh = xhat[o + i] as number;
      dgamma[i] = (dgamma[i] as number) + d * xh;
      dbeta[i] = (dbeta[i] as number) + d;
      const dxh = d * (gamma[i] as number);
      sum += dxh;
      sumX += dxh * xh;
    }
    const s = (inv[r] as number) / W;
    for (let i = 0; i < W; i++) {
      const dxh = (dy[o + i] as number) * (gamma[i] as number);
      dx[o + i] = s * (W * dxh - sum - (xhat[o + i] as number) * sumX);
    }
  }
}

/** Adam; embedding rows are updated lazily (only rows a batch touched), like TF's LazyAdam. */
export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(
    private readonly size: number,
    private readonly embedEnd: number,
    private readonly width: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Starts a step: the step size for `lr` with this step's bias corrections. */
  begin(lr: number): number {
    this.t++;
    return (lr * Math.sqrt(1 - Math.pow(this.beta2, this.t))) / (1 - Math.pow(this.beta1, this.t));
  }

  /** Updates embedding row `row`, whose gradient is row `u` of `rowGrads`, with step size `a`. */
  updateRow(params: Float32Array, rowGrads: Float32Array, u: number, row: number, a: number): void {
    const W = this.width;
    this.update(params, rowGrads, u * W - row * W, a, row * W, (row + 1) * W);
  }

  /** Updates the dense part (everything after the embedding table) from `grad`. */
  updateDense(params: Float32Array, grad: Float32Array, a: number): void {
    this.update(params, grad, 0, a, this.embedEnd, this.size);
  }

  // One tight loop over a range (parameter i's gradient is grad[i + shift]): a closure called per
  // element cost a training step ~8%.
  private update(params: Float32Array, grad: Float32Array, shift: number, a: number, from: number, to: number): void {
    const { m, v, beta1, beta2, eps } = this;
    for (let i = from; i < to; i++) {
      const gi = grad[i + shift] as number;
      const mi = beta1 * (m[i] as number) + (1 - beta1) * gi;
      const vi = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      params[i] = (params[i] as number) - (a * mi) / (Math.sqrt(vi) + eps);
    }
  }
}

/** A batch's loss and the gradients of the embedding rows it read (the dense part goes into `grad`). */
export interface BatchGradient {
  loss: number;
  /** Embedding rows with a gradient, ascending. */
  rows: number[];
  /** Their gradients, rows.length x width, in `rows` order: contiguous, so clipping and Adam read them without cache misses. */
  rowGrads: Float32Array;
}

/** Computes a batch's gradient: the dense part into `grad` (zero there on entry), the embedding rows returned. */
export interface GradientEngine {
  compute(
    params: Float32Array,
    grad: Float32Array,
    docs: readonly EncodedDoc[],
    scale: number,
    tagWeights?: Float32Array,
  ): Promise<BatchGradient>;
}

/** The pure TypeScript engine: slow, but the reference the ONNX training graph is checked against. */
export function jsGradientEngine(cfg: NetworkConfig): GradientEngine {
  return {
    async compute(params, grad, docs, scale, tagWeights) {
      const full = new Float32Array(params.length);
      const pv = viewsOf(cfg, params);
      const gv = viewsOf(cfg, full);
      const touched = new Set<number>();
      let loss = 0;
      for (const d of docs) loss += accumulateGradients(cfg, pv, gv, d, scale, touched, tagWeights);
      const embedEnd = paramLayout(cfg).embedEnd;
      for (let i = embedEnd; i < grad.length; i++) grad[i] = (grad[i] as number) + (full[i] as number);
      const rows = [...touched].sort((a, b) => a - b);
      const W = cfg.width;
      const rowGrads = new Float32Array(rows.length * W);
      rows.forEach((row, u) => rowGrads.set(full.subarray(row * W, row * W + W), u * W));
      return { loss, rows, rowGrads };
    },
  };
}

/** Loss weight per tag: entity characters are a minority, so non-O tags weigh 1.5 (a little precision for recall). */
export function entityTagWeights(): Float32Array {
  const weights = new Float32Array(TAGS.length).fill(1.5);
  weights[OUTSIDE] = 1;
  return weights;
}

export interface TrainOptions {
  config: NetworkConfig;
  seed: number;
  epochs: number;
  batchChars: number;
  learningRate: number;
  clipNorm: number;
  /** Loss weight per gold tag (index = tag); entities are rarer than 'O'. */
  tagWeights?: Float32Array;
  /** Safety net only (0 or unset = none): stopping on time makes the result depend on machine speed. */
  timeBudgetSec?: number;
  log?: (msg: string) => void;
  /** Called after each epoch with the weights that would be exported; the returned text is logged (e.g. dev F1). */
  onEpoch?: (epoch: number, net: Network) => Promise<string> | string;
  /**
   * Feature dropout: each context slot of each character (never slot 0, the character itself,
   * which also marks real positions) is replaced by padding with this probability during training,
   * so the model cannot lean on one hashed feature (spaCy drops embeddings for the same reason).
   */
  featureDropout?: number;
  /** Exponential moving average of the weights with this decay (e.g. 0.999); the average is exported. */
  averageDecay?: number;
}

export interface TrainResult {
  network: Network;
  steps: number;
  epochs: number;
  seconds: number;
  charsSeen: number;
  stoppedByTime: boolean;
}

/**
 * Batches of documents of similar length (little padding in the ONNX engine) of about
 * `batchChars` characters, in a seeded random order.
 */
export function makeBatches(docs: readonly EncodedDoc[], batchChars: number, rng: Rng): number[][] {
  const jitter = docs.map(() => rng.next());
  const order = docs.map((_, i) => i).sort((a, b) => {
    const la = (docs[a] as EncodedDoc).length + (jitter[a] as number) * 40;
    const lb = (docs[b] as EncodedDoc).length + (jitter[b] as number) * 40;
    return la - lb || a - b;
  });
  const batches: number[][] = [];
  let cur: number[] = [];
  let chars = 0;
  for (const i of order) {
    cur.push(i);
    chars += (docs[i] as EncodedDoc).length;
    if (chars >= batchChars) {
      batches.push(cur);
      cur = [];
      chars = 0;
    }
  }
  if (cur.length > 0) batches.push(cur);
  return rng.shuffle(batches);
}

/**
 * Exponential moving average of the parameters (Polyak averaging, as spaCy exports). Embedding rows
 * only change when a batch touches them, so a row's average is caught up in closed form when it is
 * next touched: k steps of a constant p move the average to p + decay^k (average - p).
 */
export class ParameterAverage {
  readonly average: Float32Array;
  private readonly lastStep: Int32Array;
  private step = 0;

  constructor(
    params: Float32Array,
    private readonly embedEnd: number,
    private readonly width: number,
    private readonly decay: number,
  ) {
    this.average = params.slice();
    this.lastStep = new Int32Array(embedEnd / width);
  }

  /** Before the optimiser changes embedding row `row`: bring its average up to the previous step. */
  catchUpRow(params: Float32Array, row: number): void {
    this.catchUp(params, row, this.step);
  }

  /** After the optimiser changed embedding row `row` in this step: average its new value in. */
  blendRow(params: Float32Array, row: number): void {
    const d = this.decay;
    const a = this.average;
    for (let i = row * this.width; i < (row + 1) * this.width; i++) a[i] = d * (a[i] as number) + (1 - d) * (params[i] as number);
    this.lastStep[row] = this.step + 1;
  }

  /** Ends the step: averages in the new values of the dense part. */
  endStep(params: Float32Array): void {
    this.step++;
    const d = this.decay;
    const a = this.average;
    for (let i = this.embedEnd; i < a.length; i++) a[i] = d * (a[i] as number) + (1 - d) * (params[i] as number);
  }

  /** The averaged parameters, every embedding row caught up to the current step. */
  current(params: Float32Array): Float32Array {
    for (let row = 0; row < this.lastStep.length; row++) this.catchUp(params, row, this.step);
    return this.average;
  }

  private catchUp(params: Float32Array, row: number, toStep: number): void {
    const k = toStep - (this.lastStep[row] as number);
    if (k <= 0) return;
    const f = Math.pow(this.decay, k);
    const a = this.average;
    for (let i = row * this.width; i < (row + 1) * this.width; i++) {
      const p = params[i] as number;
      a[i] = p + f * ((a[i] as number) - p);
    }
    this.lastStep[row] = toStep;
  }
}

/** A copy of `doc` with each context slot of each character set to padding with probability `p`. */
export function dropFeatures(doc: EncodedDoc, p: number, rng: Rng): EncodedDoc {
  const ids = doc.ids.slice();
  const slots = ids.length / Math.max(1, doc.length);
  for (let q = 0; q < ids.length; q++) if (q % slots !== 0 && rng.next() < p) ids[q] = 0;
  return { ...doc, ids };
}

function sumOfSquares(x: Float32Array, from: number, to: number, start = 0): number {
  let sum = start;
  for (let i = from; i < to; i++) sum += (x[i] as number) * (x[i] as number);
  return sum;
}

function scaleRange(x: Float32Array, from: number, to: number, f: number): void {
  for (let i = from; i < to; i++) x[i] = (x[i] as number) * f;
}

/** Steps after which the run's length is projected (past the warm-up and the first, slower steps). */
const PROJECT_AFTER_STEPS = 200;

/**
 * Said early rather than found at the end: on a slow machine the budget cuts the run before the
 * learning rate has decayed, and the model is not the one the same recipe makes elsewhere.
 */
export function budgetWarning(elapsedSec: number, steps: number, totalSteps: number, charsSeen: number, budgetSec: number): string | undefined {
  const projected = (elapsedSec * totalSteps) / Math.max(1, steps);
  if (budgetSec <= 0 || projected <= budgetSec) return undefined;
  return (
    `WARNING: at ${Math.round(charsSeen / Math.max(1e-9, elapsedSec))} chars/s this machine needs ~${projected.toFixed(0)}s for the ` +
    `${totalSteps} planned steps, over the ${budgetSec}s budget: training will stop early and the model will differ from ` +
    `the one this recipe makes on a faster machine. Pass --budget 0 to train to the end.`
  );
}

export async function trainModel(docs: readonly EncodedDoc[], engine: GradientEngine, opts: TrainOptions): Promise<TrainResult> {
  const cfg = opts.config;
  const layout = paramLayout(cfg);
  const params = initParams(cfg, opts.seed);
  const net = new Network(cfg, params);
  const adam = new Adam(layout.size, layout.embedEnd, cfg.width);
  const padding = new Uint8Array(cfg.rows);
  for (const off of cfg.slotOffsets) padding[off] = 1;
  const grad = new Float32Array(layout.size);
  const rng = new Rng(opts.seed ^ 0x5eed);
  const dropRng = new Rng(opts.seed ^ 0xd409);
  const dropout = opts.featureDropout ?? 0;
  const averager = opts.averageDecay ? new ParameterAverage(params, layout.embedEnd, cfg.width, opts.averageDecay) : undefined;
  const exported = (): Network => (averager ? new Network(cfg, averager.current(params)) : net);
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  let steps = 0;
  let charsSeen = 0;
  const totalSteps = makeBatches(docs, opts.batchChars, new Rng(1)).length * opts.epochs;
  let epoch = 0;
  let stoppedByTime = false;
  const budget = opts.timeBudgetSec ?? 0;
  for (; epoch < opts.epochs && !stoppedByTime; epoch++) {
    const batches = makeBatches(docs, opts.batchChars, rng);
    let epochLoss = 0;
    let epochChars = 0;
    for (const batch of batches) {
      const batchDocs = batch.map((i) => (dropout > 0 ? dropFeatures(docs[i] as EncodedDoc, dropout, dropRng) : (docs[i] as EncodedDoc)));
      const chars = batchDocs.reduce((n, d) => n + d.length, 0);
      grad.fill(0, layout.embedEnd);
      const r = await engine.compute(params, grad, batchDocs, 1 / Math.max(1, chars), opts.tagWeights);
      const norm = Math.sqrt(sumOfSquares(grad, layout.embedEnd, layout.size, sumOfSquares(r.rowGrads, 0, r.rowGrads.length)));
      if (norm > opts.clipNorm) {
        const f = opts.clipNorm / norm;
        scaleRange(r.rowGrads, 0, r.rowGrads.length, f);
        scaleRange(grad, layout.embedEnd, layout.size, f);
      }
      // Short warm-up, then linear decay to 5% over the planned steps.
      const warm = Math.min(1, (steps + 1) / 100);
      const decay = 1 - 0.95 * Math.min(1, steps / Math.max(1, totalSteps));
      // Row by row (average caught up, Adam, padding kept at zero, average blended) while the row is
      // in cache: four passes over the touched rows took ~4 ms more of a ~150 ms step (AVX2 VM).
      const a = adam.begin(opts.learningRate * warm * decay);
      r.rows.forEach((row, u) => {
        averager?.catchUpRow(params, row);
        adam.updateRow(params, r.rowGrads, u, row, a);
        // Padding rows must stay exactly zero: the ONNX graph relies on them for padded positions.
        if (padding[row] === 1) params.fill(0, row * cfg.width, (row + 1) * cfg.width);
        averager?.blendRow(params, row);
      });
      adam.updateDense(params, grad, a);
      averager?.endStep(params);
      steps++;
      charsSeen += chars;
      epochLoss += r.loss * chars;
      epochChars += chars;
      if (steps === PROJECT_AFTER_STEPS) {
        const warning = budgetWarning((Date.now() - started) / 1000, steps, totalSteps, charsSeen, budget);
        if (warning) log(warning);
      }
      if (budget > 0 && (Date.now() - started) / 1000 > budget) {
        stoppedByTime = true;
        break;
      }
    }
    const secs = (Date.now() - started) / 1000;
    const extra = opts.onEpoch ? await opts.onEpoch(epoch, exported()) : '';
    log(
      `epoch ${epoch + 1}/${opts.epochs}: loss ${(epochLoss / Math.max(1, epochChars)).toFixed(4)} steps ${steps} ` +
        `${Math.round(charsSeen / secs)} chars/s ${secs.toFixed(0)}s ${extra}${stoppedByTime ? ' (time budget reached: NOT reproducible)' : ''}`,
    );
  }
  return { network: exported(), steps, epochs: epoch, seconds: (Date.now() - started) / 1000, charsSeen, stoppedByTime };
}
