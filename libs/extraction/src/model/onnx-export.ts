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
// Slice clamps ends to the dimension; 2^53-1 survives the number -> int64 conversion exactly.
const SLICE_TO_END = Number.MAX_SAFE_INTEGER;

/** Concatenate h[t + (j-k)*d] for j = 0..2k along the last axis, zeros beyond the edges. */
export function windowConcatNodes(g: GraphBuilder, h: string, k: number, d: number): string {
  const padded = g.op('Pad', [h, g.intConst([0, k * d, 0, 0, k * d, 0])], { mode: 'constant' });
  const parts: string[] = [];
  for (let j = 0; j <= 2 * k; j++) {
    const start = j * d;
    const end = j === 2 * k ? SLICE_TO_END : -(2 * k - j) * d;
    parts.push(g.op('Slice', [padded, g.intConst([start]), g.intConst([end]), g.intConst([1])]));
  }
  return parts.length === 1 ? (parts[0] as string) : g.op('Concat', parts, { axis: -1 });
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
  v.blocks.forEach((b: BlockParams, l: number) => {
    const win = windowConcatNodes(g, h, cfg.window, cfg.dilations[l] as number);
    const span = 2 * cfg.window + 1;
    const z = g.op('Add', [
      g.op('MatMul', [win, g.floatInit(`block${l}_w`, b.weight, [span * W, W * cfg.pieces])]),
      g.floatInit(`block${l}_b`, b.bias, [W * cfg.pieces]),
    ]);
    const z4 = g.op('Reshape', [z, g.intConst([0, 0, W, cfg.pieces])]);
    const m = g.op('ReduceMax', [z4], { axes: [3], keepdims: 0 });
    const y = ln(m, b.gamma, b.beta, `block${l}_ln`);
    h = g.op('Add', [h, g.op('Mul', [y, mask])]);
  });
  const logits = g.op('Add', [
    g.op('MatMul', [h, g.floatInit('out_w', v.outWeight, [W, cfg.tags])]),
    g.floatInit('out_b', v.outBias, [cfg.tags]),
  ]);
  g.op('Softmax', [logits], { axis: -1 }, ['probs']);
  return g.toBytes(ONNX_OPSET, docString);
}

/** Pads featurized sequences into one int64 [batch, maxLen, slots] buffer (id 0 beyond each length). */
export function packBatch(items: readonly { ids: Int32Array; length: number }[], slots: number): { data: BigInt64Array; maxLen: number } {
  const maxLen = Math.max(1, ...items.map((i) => i.length));
  const data = new BigInt64Array(items.length * maxLen * slots);
  items.forEach((it, b) => {
    const base = b * maxLen * slots;
    for (let q = 0; q < it.length * slots; q++) data[base + q] = BigInt(it.ids[q] as number);
  });
  return { data, maxLen };
}
