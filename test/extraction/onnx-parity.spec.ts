/** @jest-environment ./test/extraction/ort-environment.js */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { featurize, packBatch, SLOT_COUNT } from '../../libs/extraction/src/model/features';
import { Network, defaultConfig, viewsOf } from '../../libs/extraction/src/model/network';
import { buildInferenceModel, inverseOrder, pieceMajorOrder, reorderColumns } from '../../libs/extraction/src/model/onnx-export';
import { TAG_COUNT } from '../../libs/extraction/src/model/tags';

const TEXTS = [
  'Lot L23-118, part HX-2210 rev B, 5 pcs with scratches on the housing, severity major, rework',
  '10月5日 3号线 批次B2310-07 发现气孔 12件 判定报废',
  'seat track corroded between bs 727 to bs 767, rbl 25. repaired per srm',
  '报案号CLM-2026-004512，保单号POL-88231-A，损失金额３．５万元，联系电话138 1234 5678',
  'x',
];

/** Rebuilds a Network from the exported file's initialisers, so the TS side runs the very same weights. */
function networkFromOnnx(bytes: Uint8Array): Network {
  const model = onnx.ModelProto.decode(bytes);
  const init = new Map(model.graph?.initializer?.map((t) => [t.name ?? '', t]) ?? []);
  const floats = (name: string): Float32Array => {
    const t = init.get(name);
    if (!t?.rawData) throw new Error(`missing initializer ${name}`);
    const raw = t.rawData;
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  };
  const blocks = [...init.keys()].filter((k) => /^block\d+_w$/.test(k)).length;
  const embed = init.get('embed');
  const width = Number(embed?.dims?.[1]);
  const pieces = Number(init.get('block0_w')?.dims?.[1]) / width;
  const window = (Number(init.get('block0_w')?.dims?.[0]) / width - 1) / 2;
  // A block pads its input's start by k*d: one Pad per block in older files; in newer ones one Pad
  // per shifted window position (shiftNodes), of which the block's first pads k*d and the rest crop
  // or pad less. Either way the first start-padding Pad of each block gives its dilation.
  const startPads = [...(model.graph?.node ?? [])]
    .filter((n) => n.opType === 'Pad' && n.input?.[0] !== undefined)
    .map((n) => Number(new BigInt64Array(new Uint8Array(init.get(n.input?.[1] ?? '')!.rawData!).buffer)[1]))
    .filter((pad) => pad > 0);
  const perBlock = startPads.length / blocks;
  const dilations = Array.from({ length: blocks }, (_, l) => startPads[l * perBlock]! / window);
  const cfg = defaultConfig({ width, depth: blocks, pieces, window, dilations });
  const net = Network.random(cfg, 1);
  const v = viewsOf(cfg, net.params);
  v.embed.set(floats('embed'));
  v.embedGamma.set(floats('embed_ln_gamma'));
  v.embedBeta.set(floats('embed_ln_beta'));
  // Files exported since the piece-major maxout (a Split node) hold block columns in pieceMajorOrder.
  const pieceMajor = model.graph?.node?.some((n) => n.opType === 'Split') ?? false;
  const toStored = inverseOrder(pieceMajorOrder(width, pieces));
  const stored = (data: Float32Array): Float32Array => (pieceMajor ? reorderColumns(data, toStored) : data);
  v.blocks.forEach((b, l) => {
    b.weight.set(stored(floats(`block${l}_w`)));
    b.bias.set(stored(floats(`block${l}_b`)));
    b.gamma.set(floats(`block${l}_ln_gamma`));
    b.beta.set(floats(`block${l}_ln_beta`));
  });
  v.outWeight.set(floats('out_w'));
  v.outBias.set(floats('out_b'));
  return net;
}

async function maxDifference(bytes: Uint8Array, net: Network): Promise<number> {
  const session = await ort.InferenceSession.create(bytes);
  const feats = TEXTS.map(featurize);
  const { data, maxLen } = packBatch(feats);
  const out = await session.run({ features: new ort.Tensor('int64', data, [feats.length, maxLen, SLOT_COUNT]) });
  await session.release();
  const probs = out.probs!.data as Float32Array;
  expect(out.probs!.dims).toEqual([TEXTS.length, maxLen, TAG_COUNT]);
  let diff = 0;
  feats.forEach((f, b) => {
    const ref = net.predict(f.ids, f.length);
    for (let i = 0; i < f.length * TAG_COUNT; i++) diff = Math.max(diff, Math.abs(ref[i]! - probs[b * maxLen * TAG_COUNT + i]!));
  });
  return diff;
}

describe('ONNX export parity', () => {
  it('a randomly initialised network gives the same probabilities in ONNX and TypeScript, padded batch included', async () => {
    const net = Network.random(defaultConfig(), 11);
    expect(await maxDifference(buildInferenceModel(net), net)).toBeLessThan(1e-4);
  });

  it('padding a sequence inside a batch does not change its outputs', async () => {
    const net = Network.random(defaultConfig(), 12);
    const session = await ort.InferenceSession.create(buildInferenceModel(net));
    const alone = featurize(TEXTS[1]!);
    const run = async (items: { ids: Int32Array; length: number }[]): Promise<{ data: Float32Array; maxLen: number }> => {
      const { data, maxLen } = packBatch(items);
      const out = await session.run({ features: new ort.Tensor('int64', data, [items.length, maxLen, SLOT_COUNT]) });
      return { data: out.probs!.data as Float32Array, maxLen };
    };
    const single = await run([alone]);
    const batched = await run([featurize(TEXTS[0]!), alone]);
    await session.release();
    const n = alone.length * TAG_COUNT;
    let diff = 0;
    for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(single.data[i]! - batched.data[batched.maxLen * TAG_COUNT + i]!));
    expect(diff).toBeLessThan(1e-5);
  });

  it('a file exported now reads back into the network it came from (piece-major block columns, dilations)', () => {
    const net = Network.random(defaultConfig(), 13);
    const back = networkFromOnnx(buildInferenceModel(net));
    expect(back.config.dilations).toEqual(net.config.dilations);
    expect(Buffer.from(back.params.buffer).equals(Buffer.from(net.params.buffer))).toBe(true);
  });

  const shipped = join(__dirname, '../../models/extractor.onnx');
  (existsSync(shipped) ? it : it.skip)('the shipped models/extractor.onnx matches the TypeScript forward pass', async () => {
    const bytes = new Uint8Array(readFileSync(shipped));
    const net = networkFromOnnx(bytes);
    expect(await maxDifference(bytes, net)).toBeLessThan(1e-4);
  });
});
