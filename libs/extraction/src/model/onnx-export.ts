/**
 * Exports a trained Network as an ONNX inference graph (opset 17, standard operators only).
 *   input  `features` int64 [batch, seq, slots]  (featurize() ids; 0 = padding)
 *   output `probs`    float32 [batch, seq, tags]
 * Padding is harmless: padded positions are masked to zero after every block, which is exactly
 * the zero padding the TypeScript forward pass applies beyond a sequence's ends.
 */
import { GraphBuilder } from './onnx-graph';
import type { BlockParams, Network } from './network';

export const ONNX_OPSET = 17;

/**
 * x [batch, seq, C] moved along the sequence axis so that out[t] = x[t + o], zeros beyond the edges:
 * one Pad whose negative side crops (cheaper in onnxruntime than padding both sides and slicing).
 */
export function shiftNodes(g: GraphBuilder, x: string, o: number): string {
  return o === 0 ? x : g.op('Pad', [x, g.intConst([0, -o, 0, 0, o, 0])], { mode: 'constant' });
}

/** Concatenate h[t + (j-k)*d] for j = 0..2k along the last axis, zeros beyond the edges. */
export function windowConcatNodes(g: GraphBuilder, h: string, k: number, d: number): string {
  const parts: string[] = [];
  for (let j = 0; j <= 2 * k; j++) parts.push(shiftNodes(g, h, (j - k) * d));
  return parts.length === 1 ? (parts[0] as string) : g.op('Concat', parts, { axis: -1 });
}

/**
 * Maxout's weight columns in piece-major order: new column p*W + u is stored column u*P + p (the
 * layout of network.ts). With the pieces side by side, the graph splits z into P slices and takes
 * an elementwise Max; ReduceMax or a broadcast over a trailing axis of 2 is onnxruntime's slow
 * path (it cost a training step a third of its time).
 */
export function pieceMajorOrder(width: number, pieces: number): number[] {
  const order: number[] = [];
  for (let p = 0; p < pieces; p++) for (let u = 0; u < width; u++) order.push(u * pieces + p);
  return order;
}

/** The order that undoes `order`: stored column c sits at piece-major column inverseOrder(order)[c]. */
export function inverseOrder(order: readonly number[]): number[] {
  const inverse = new Array<number>(order.length);
  order.forEach((stored, c) => (inverse[stored] = c));
  return inverse;
}

/** Maxout over a piece-major z [.., P*W]: the P slices and their elementwise maximum [.., W]. */
export function maxoutNodes(g: GraphBuilder, z: string, pieces: number): { slices: string[]; max: string } {
  const slices = pieces === 1 ? [z] : g.opMulti('Split', [z], pieces, { axis: -1 });
  return { slices, max: pieces === 1 ? z : g.op('Max', slices) };
}

/** Copies the columns of a row-major [rows, order.length] matrix into `order`. */
export function reorderColumns(data: Float32Array, order: readonly number[]): Float32Array {
  const cols = order.length;
  const out = new Float32Array(data.length);
  for (let r = 0; r < data.length / cols; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = data[r * cols + (order[c] as number)] as number;
  }
  return out;
}

export function buildInferenceModel(net: Network, docString = ''): Uint8Array {
  const cfg = net.config;
  const v = net.views;
  const W = cfg.width;
  const g = new GraphBuilder('char_tagger');
  const features = g.input('features', 'int64', ['batch', 'seq', cfg.slots]);
  g.output('probs', 'float', ['batch', 'seq', cfg.tags]);

  const table = g.floatInit('embed', v.embed, [cfg.rows, W]);
  const rows = g.op('Add', [features, g.intInit('slot_offsets', cfg.slotOffsets)]);
  const gathered = g.op('Gather', [table, rows], { axis: 0 });
  const summed = g.op('ReduceSum', [gathered, g.intConst([2])], { keepdims: 0 });
  const first = g.op('Slice', [features, g.intConst([0]), g.intConst([1]), g.intConst([2])]);
  const mask = g.op('Cast', [g.op('Greater', [first, g.intConst([0], [])])], { to: 1 });

  const ln = (x: string, gamma: Float32Array, beta: Float32Array, name: string): string =>
    g.op('LayerNormalization', [x, g.floatInit(`${name}_gamma`, gamma, [W]), g.floatInit(`${name}_beta`, beta, [W])], {
      axis: -1,
      epsilon: { float: cfg.epsilon },
    });

  let h = g.op('Mul', [ln(summed, v.embedGamma, v.embedBeta, 'embed_ln'), mask]);
  const order = pieceMajorOrder(W, cfg.pieces);
  v.blocks.forEach((b: BlockParams, l: number) => {
    const win = windowConcatNodes(g, h, cfg.window, cfg.dilations[l] as number);
    const span = 2 * cfg.window + 1;
    const z = g.op('Add', [
      g.op('MatMul', [win, g.floatInit(`block${l}_w`, reorderColumns(b.weight, order), [span * W, W * cfg.pieces])]),
      g.floatInit(`block${l}_b`, reorderColumns(b.bias, order), [W * cfg.pieces]),
    ]);
    const y = ln(maxoutNodes(g, z, cfg.pieces).max, b.gamma, b.beta, `block${l}_ln`);
    h = g.op('Add', [h, g.op('Mul', [y, mask])]);
  });
  const logits = g.op('Add', [
    g.op('MatMul', [h, g.floatInit('out_w', v.outWeight, [W, cfg.tags])]),
    g.floatInit('out_b', v.outBias, [cfg.tags]),
  ]);
  g.op('Softmax', [logits], { axis: -1 }, ['probs']);
  return g.toBytes(ONNX_OPSET, docString);
}
