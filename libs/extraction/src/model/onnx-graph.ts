/**
 * A thin builder over onnx-proto's ModelProto: named initialisers, nodes with typed attributes,
 * and auto-named intermediate values. Both the exported inference graph and the training graph
 * are written with it, from standard ai.onnx operators only.
 */
import { onnx } from 'onnx-proto';

export type AttrValue = number | number[] | string | { float: number } | { floats: number[] };

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const ELEM_TYPES = { float: FLOAT, int64: INT64, int32: onnx.TensorProto.DataType.INT32 } as const;
export type ElemType = keyof typeof ELEM_TYPES;

export type Dim = number | string;

export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, elemType: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  floatInit(name: string, data: Float32Array, dims: number[]): string {
    const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    this.initializers.push({ name, dataType: FLOAT, dims, rawData: bytes });
    return name;
  }

  intInit(name: string, values: readonly number[], dims?: number[]): string {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dataType: INT64, dims: dims ?? [values.length], rawData: new Uint8Array(data.buffer) });
    return name;
  }

  /** Scalar or 1-D float constant. */
  floatConst(values: readonly number[], dims?: number[]): string {
    return this.floatInit(this.fresh('c'), new Float32Array(values), dims ?? [values.length]);
  }

  intConst(values: readonly number[], dims?: number[]): string {
    return this.intInit(this.fresh('c'), values, dims);
  }

  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Adds a node; returns its (first) output name. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs?: string[]): string {
    const outs = outputs ?? [this.fresh(opType.toLowerCase())];
    this.nodes.push({
      opType,
      input: inputs,
      output: outs,
      name: this.fresh(`n_${opType}`),
      attribute: Object.entries(attrs).map(([name, v]) => attribute(name, v)),
    });
    return outs[0] as string;
  }

  /** Like op() for nodes with several outputs. */
  opMulti(opType: string, inputs: string[], outputCount: number, attrs: Record<string, AttrValue> = {}): string[] {
    const outs = Array.from({ length: outputCount }, () => this.fresh(opType.toLowerCase()));
    this.op(opType, inputs, attrs, outs);
    return outs;
  }

  toBytes(opset: number, docString = ''): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'millwright-extraction',
      docString,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, elemType: ElemType, dims: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM_TYPES[elemType],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, v: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') return { name, type: T.INT, i: v };
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
  if ('float' in v) return { name, type: T.FLOAT, f: v.float };
  return { name, type: T.FLOATS, floats: v.floats };
}
