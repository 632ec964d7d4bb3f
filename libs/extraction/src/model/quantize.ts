/**
 * Serving precision. The model file is float32 (what the trainer exports and the parity test
 * checks against the TypeScript forward pass). With `int8` the graph is rewritten when a session
 * loads it: every MatMul with a weight initializer becomes DynamicQuantizeLinear (activations,
 * uint8, one scale per run) + MatMulInteger against the weights quantized per column (symmetric
 * int8) + Cast + Mul by the two scales. These are standard ONNX operators; onnxruntime fuses them
 * into its integer kernels, which use VNNI where the CPU has it (1.7x faster per document on an
 * AVX-512 VNNI CPU, no faster on an AVX2 one: bench/README.md). Development-set F1 is unchanged
 * (models/MODEL_CARD.md, Speed).
 */
import { onnx } from 'onnx-proto';

export type ModelPrecision = 'fp32' | 'int8';
/** EXTRACTION_PRECISION's default (libs/config), and what the evaluation scripts score. */
export const SERVING_PRECISION: ModelPrecision = 'int8';

const { FLOAT, INT8 } = onnx.TensorProto.DataType;

function floats(t: onnx.ITensorProto): Float32Array {
  const raw = t.rawData;
  if (raw === undefined || raw === null || t.dataType !== FLOAT) throw new Error(`initializer ${t.name} is not raw float data`);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** Per-column symmetric int8: column c is scale[c] x q[., c], |q| <= 127. */
export function quantizeColumns(w: Float32Array, rows: number, cols: number): { q: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(w[r * cols + c] as number));
    scale[c] = max > 0 ? max / 127 : 1;
  }
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round((w[r * cols + c] as number) / (scale[c] as number));
  }
  return { q, scale };
}

/** The same model with its weight MatMuls in int8 (see the file comment); other nodes untouched. */
export function quantizeWeights(model: Uint8Array): Uint8Array {
  const m = onnx.ModelProto.decode(model);
  const graph = m.graph;
  if (!graph) throw new Error('model has no graph');
  const inits = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const replaced = new Set<string>();
  const added: onnx.ITensorProto[] = [];
  const nodes: onnx.INodeProto[] = [];
  for (const node of graph.node ?? []) {
    const [x, wName] = node.input ?? [];
    const weight = node.opType === 'MatMul' && wName !== undefined ? inits.get(wName) : undefined;
    if (weight === undefined || x === undefined || weight.dims?.length !== 2) {
      nodes.push(node);
      continue;
    }
    const [rows, cols] = (weight.dims ?? []).map(Number) as [number, number];
    const { q, scale } = quantizeColumns(floats(weight), rows, cols);
    const p = `${wName}_int8`;
    added.push(
      { name: `${p}_q`, dataType: INT8, dims: [rows, cols], rawData: new Uint8Array(q.buffer) },
      { name: `${p}_zero`, dataType: INT8, dims: [cols], rawData: new Uint8Array(cols) },
      { name: `${p}_scale`, dataType: FLOAT, dims: [cols], rawData: new Uint8Array(scale.buffer) },
    );
    replaced.add(wName as string);
    nodes.push(
      { opType: 'DynamicQuantizeLinear', input: [x], output: [`${p}_x`, `${p}_x_scale`, `${p}_x_zero`], name: `${p}_quantize` },
      { opType: 'MatMulInteger', input: [`${p}_x`, `${p}_q`, `${p}_x_zero`, `${p}_zero`], output: [`${p}_product`], name: `${p}_matmul` },
      { opType: 'Cast', input: [`${p}_product`], output: [`${p}_float`], name: `${p}_cast`, attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
      { opType: 'Mul', input: [`${p}_x_scale`, `${p}_scale`], output: [`${p}_scales`], name: `${p}_scales` },
      { opType: 'Mul', input: [`${p}_float`, `${p}_scales`], output: node.output ?? [], name: `${p}_rescale` },
    );
  }
  graph.node = nodes;
  graph.initializer = [...(graph.initializer ?? []).filter((t) => !replaced.has(t.name ?? '')), ...added];
  return onnx.ModelProto.encode(m).finish();
}
