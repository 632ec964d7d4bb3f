/**
 * The character tagger, after spaCy's tok2vec: hashed slot embeddings summed to width W
 * (MultiHashEmbed without the mixing layer: a sum of per-slot tables is a concat followed by a
 * linear map), layer norm, then `depth` residual blocks of
 *   window concat (2k+1 positions, dilated) -> linear to W*pieces -> maxout -> layer norm,
 * then a linear map to BIO tags and a softmax. Dilation grows the receptive field to tens of
 * characters at the cost of a window-1 CNN, which character-level input needs.
 *
 * All parameters live in one Float32Array so training can share them between threads and Adam
 * can update them in one loop; `views` names the pieces.
 */
import { SLOT_COUNT, SLOT_OFFSETS, TOTAL_ROWS } from './features';
import { TAG_COUNT } from './tags';

export interface NetworkConfig {
  width: number;
  depth: number;
  pieces: number;
  /** Half window: each block sees positions t-k*d .. t+k*d. */
  window: number;
  /** Dilation per block; length === depth. */
  dilations: number[];
  rows: number;
  slots: number;
  slotOffsets: number[];
  tags: number;
  epsilon: number;
}

/** Characters either side of a position that reach its output: half window x the sum of the dilations. */
export function receptiveFieldOf(config: Pick<NetworkConfig, 'window' | 'dilations'>): number {
  return config.window * config.dilations.reduce((a, b) => a + b, 0);
}

/** The shipped architecture (models/MODEL_CARD.md): what `npm run train` and the untrained stand-in model build. */
export function defaultConfig(overrides: Partial<NetworkConfig> = {}): NetworkConfig {
  const depth = overrides.depth ?? 6;
  return {
    width: 64,
    depth,
    pieces: 2,
    window: 1,
    dilations: overrides.dilations ?? [1, 2, 4, 8, 16, 32].slice(0, depth),
    rows: TOTAL_ROWS,
    slots: SLOT_COUNT,
    slotOffsets: [...SLOT_OFFSETS],
    tags: TAG_COUNT,
    epsilon: 1e-5,
    ...overrides,
  };
}

export interface BlockParams {
  /** [(2k+1)*W, W*P], column o*P+p is piece p of output unit o. */
  weight: Float32Array;
  bias: Float32Array;
  gamma: Float32Array;
  beta: Float32Array;
}

export interface ParamViews {
  /** [rows, W]; row slotOffsets[s] is slot s's padding row and stays zero. */
  embed: Float32Array;
  embedGamma: Float32Array;
  embedBeta: Float32Array;
  blocks: BlockParams[];
  /** [W, T] */
  outWeight: Float32Array;
  outBias: Float32Array;
}

interface Layout {
  size: number;
  embedEnd: number;
}

export function paramLayout(cfg: NetworkConfig): Layout {
  const W = cfg.width;
  const windowIn = (2 * cfg.window + 1) * W;
  let size = cfg.rows * W;
  const embedEnd = size;
  size += 2 * W;
  size += cfg.depth * (windowIn * W * cfg.pieces + W * cfg.pieces + 2 * W);
  size += W * cfg.tags + cfg.tags;
  return { size, embedEnd };
}

export function viewsOf(cfg: NetworkConfig, data: Float32Array): ParamViews {
  const W = cfg.width;
  const windowIn = (2 * cfg.window + 1) * W;
  let at = 0;
  const take = (n: number): Float32Array => {
    const v = data.subarray(at, at + n);
    at += n;
    return v;
  };
  const embed = take(cfg.rows * W);
  const embedGamma = take(W);
  const embedBeta = take(W);
  const blocks: BlockParams[] = [];
  for (let l = 0; l < cfg.depth; l++) {
    blocks.push({ weight: take(windowIn * W * cfg.pieces), bias: take(W * cfg.pieces), gamma: take(W), beta: take(W) });
  }
  const outWeight = take(W * cfg.tags);
  const outBias = take(cfg.tags);
  if (at !== data.length) throw new Error(`parameter buffer has ${data.length} floats, layout needs ${at}`);
  return { embed, embedGamma, embedBeta, blocks, outWeight, outBias };
}

/** Deterministic xorshift-based normal init; the seed fixes every weight. */
export function initParams(cfg: NetworkConfig, seed: number, data?: Float32Array): Float32Array {
  const buf = data ?? new Float32Array(paramLayout(cfg).size);
  const v = viewsOf(cfg, buf);
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const W = cfg.width;
  for (let i = 0; i < v.embed.length; i++) v.embed[i] = normal() * 0.1;
  for (const off of cfg.slotOffsets) v.embed.fill(0, off * W, off * W + W);
  v.embedGamma.fill(1);
  v.embedBeta.fill(0);
  const windowIn = (2 * cfg.window + 1) * W;
  for (const b of v.blocks) {
    const std = Math.sqrt(2 / windowIn);
    for (let i = 0; i < b.weight.length; i++) b.weight[i] = normal() * std;
    b.bias.fill(0);
    b.gamma.fill(1);
    b.beta.fill(0);
  }
  // Small output weights start the softmax near uniform.
  const std = 0.3 / Math.sqrt(W);
  for (let i = 0; i < v.outWeight.length; i++) v.outWeight[i] = normal() * std;
  v.outBias.fill(0);
  return buf;
}

/** Y[n,O] (+)= X[n,I] @ M[I,O]; the i-outer loop keeps the inner loop a contiguous axpy V8 can optimise. */
export function matmul(x: Float32Array, m: Float32Array, y: Float32Array, n: number, inDim: number, outDim: number): void {
  for (let r = 0; r < n; r++) {
    const xr = r * inDim;
    const yr = r * outDim;
    for (let i = 0; i < inDim; i++) {
      const xv = x[xr + i] as number;
      if (xv === 0) continue;
      const mr = i * outDim;
      for (let o = 0; o < outDim; o++) y[yr + o] = (y[yr + o] as number) + xv * (m[mr + o] as number);
    }
  }
}

/** Copies the dilated window around each position into rows of [n, (2k+1)W], zeros beyond the edges. */
export function windowConcat(h: Float32Array, n: number, W: number, k: number, d: number, out: Float32Array): void {
  const span = 2 * k + 1;
  out.fill(0, 0, n * span * W);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < span; j++) {
      const src = t + (j - k) * d;
      if (src < 0 || src >= n) continue;
      out.set(h.subarray(src * W, src * W + W), (t * span + j) * W);
    }
  }
}

/**
 * Layer norm over rows of width W in place of `out`; stores normalised values and 1/std when asked
 * (training needs them for the backward pass).
 */
export function layerNorm(
  x: Float32Array,
  n: number,
  W: number,
  gamma: Float32Array,
  beta: Float32Array,
  eps: number,
  out: Float32Array,
  xhat?: Float32Array,
  invStd?: Float32Array,
): void {
  for (let r = 0; r < n; r++) {
    const o = r * W;
    let mean = 0;
    for (let i = 0; i < W; i++) mean += x[o + i] as number;
    mean /= W;
    let v = 0;
    for (let i = 0; i < W; i++) {
      const dx = (x[o + i] as number) - mean;
      v += dx * dx;
    }
    const inv = 1 / Math.sqrt(v / W + eps);
    if (invStd) invStd[r] = inv;
    for (let i = 0; i < W; i++) {
      const z = ((x[o + i] as number) - mean) * inv;
      if (xhat) xhat[o + i] = z;
      out[o + i] = z * (gamma[i] as number) + (beta[i] as number);
    }
  }
}

/** Sum of slot embeddings per position: [n, W]. */
export function embed(cfg: NetworkConfig, table: Float32Array, ids: Int32Array, n: number, out: Float32Array): void {
  const W = cfg.width;
  const S = cfg.slots;
  out.fill(0, 0, n * W);
  for (let t = 0; t < n; t++) {
    for (let s = 0; s < S; s++) {
      const row = ((cfg.slotOffsets[s] as number) + (ids[t * S + s] as number)) * W;
      for (let i = 0; i < W; i++) out[t * W + i] = (out[t * W + i] as number) + (table[row + i] as number);
    }
  }
}

export interface ForwardCache {
  n: number;
  /** Per block: window input, argmax piece, maxout output normalised, 1/std. */
  windows: Float32Array[];
  argmax: Int32Array[];
  xhat: Float32Array[];
  invStd: Float32Array[];
  embedXhat: Float32Array;
  embedInvStd: Float32Array;
  /** Final hidden state [n, W] and probabilities [n, T]. */
  hidden: Float32Array;
  probs: Float32Array;
}

/** Full forward pass for one sequence; returns probabilities [n, T] and, when asked, what backprop needs. */
export function forward(cfg: NetworkConfig, p: ParamViews, ids: Int32Array, n: number, keep = false): ForwardCache {
  const W = cfg.width;
  const P = cfg.pieces;
  const k = cfg.window;
  const span = 2 * k + 1;
  const e = new Float32Array(n * W);
  embed(cfg, p.embed, ids, n, e);
  const h = new Float32Array(n * W);
  const embedXhat = new Float32Array(keep ? n * W : 0);
  const embedInvStd = new Float32Array(keep ? n : 0);
  layerNorm(e, n, W, p.embedGamma, p.embedBeta, cfg.epsilon, h, keep ? embedXhat : undefined, keep ? embedInvStd : undefined);
  const windows: Float32Array[] = [];
  const argmaxes: Int32Array[] = [];
  const xhats: Float32Array[] = [];
  const invStds: Float32Array[] = [];
  const z = new Float32Array(n * W * P);
  const m = new Float32Array(n * W);
  const y = new Float32Array(n * W);
  let win = new Float32Array(n * span * W);
  for (let l = 0; l < cfg.depth; l++) {
    const b = p.blocks[l] as BlockParams;
    if (keep && l > 0) win = new Float32Array(n * span * W);
    windowConcat(h, n, W, k, cfg.dilations[l] as number, win);
    for (let r = 0; r < n; r++) z.set(b.bias, r * W * P);
    matmul(win, b.weight, z, n, span * W, W * P);
    const am = new Int32Array(keep ? n * W : 0);
    for (let q = 0; q < n * W; q++) {
      let best = z[q * P] as number;
      let bi = 0;
      for (let pc = 1; pc < P; pc++) {
        const zv = z[q * P + pc] as number;
        if (zv > best) {
          best = zv;
          bi = pc;
        }
      }
      m[q] = best;
      if (keep) am[q] = bi;
    }
    const xh = new Float32Array(keep ? n * W : 0);
    const inv = new Float32Array(keep ? n : 0);
    layerNorm(m, n, W, b.gamma, b.beta, cfg.epsilon, y, keep ? xh : undefined, keep ? inv : undefined);
    for (let q = 0; q < n * W; q++) h[q] = (h[q] as number) + (y[q] as number);
    if (keep) {
      windows.push(win);
      argmaxes.push(am);
      xhats.push(xh);
      invStds.push(inv);
    }
  }
  const T = cfg.tags;
  const probs = new Float32Array(n * T);
  for (let r = 0; r < n; r++) probs.set(p.outBias, r * T);
  matmul(h, p.outWeight, probs, n, W, T);
  softmaxRows(probs, n, T);
  return { n, windows, argmax: argmaxes, xhat: xhats, invStd: invStds, embedXhat, embedInvStd, hidden: h, probs };
}

export function softmaxRows(x: Float32Array, n: number, T: number): void {
  for (let r = 0; r < n; r++) {
    const o = r * T;
    let mx = -Infinity;
    for (let t = 0; t < T; t++) mx = Math.max(mx, x[o + t] as number);
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const ev = Math.exp((x[o + t] as number) - mx);
      x[o + t] = ev;
      sum += ev;
    }
    for (let t = 0; t < T; t++) x[o + t] = (x[o + t] as number) / sum;
  }
}

/** A trained model in memory: config plus the flat parameter buffer. */
export class Network {
  readonly views: ParamViews;

  constructor(
    readonly config: NetworkConfig,
    readonly params: Float32Array,
  ) {
    this.views = viewsOf(config, params);
  }

  static random(config: NetworkConfig, seed: number): Network {
    return new Network(config, initParams(config, seed));
  }

  /** Probabilities [length, tags] for one featurized sequence. */
  predict(ids: Int32Array, length: number): Float32Array {
    if (length === 0) return new Float32Array(0);
    return forward(this.config, this.views, ids, length).probs;
  }
}
