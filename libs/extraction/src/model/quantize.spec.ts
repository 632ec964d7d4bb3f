import { onnx } from 'onnx-proto';
import { OnnxTagger } from './onnx-tagger';
import { Network, defaultConfig } from './network';
import { buildInferenceModel } from './onnx-export';
import { quantizeColumns, quantizeWeights } from './quantize';
import { TAG_COUNT } from './tags';

const TEXTS = [
  'Lot L23-118, part HX-2210 rev B, 5 pcs with scratches on the housing, severity major, rework',
  '10月5日 3号线 批次B2310-07 发现气孔 12件 判定报废',
  'seat track corroded between bs 727 to bs 767, rbl 25. repaired per srm',
  'x',
];

describe('int8 serving graph', () => {
  it('quantizes each column to within half its scale, and an all-zero column to zeros', () => {
    const rows = 3;
    const w = new Float32Array([0.5, 0, -2, -0.25, 0, 1, 0.125, 0, 0.003]);
    const { q, scale } = quantizeColumns(w, rows, 3);
    expect(scale[0]).toBeCloseTo(0.5 / 127, 8);
    expect(scale[1]).toBe(1);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < 3; c++) {
        expect(Math.abs((q[r * 3 + c] as number) * (scale[c] as number) - (w[r * 3 + c] as number))).toBeLessThanOrEqual((scale[c] as number) / 2 + 1e-9);
      }
    }
    expect([q[1], q[4], q[7]]).toEqual([0, 0, 0]);
    expect(Math.max(...Array.from(q, Math.abs))).toBe(127);
  });

  it('replaces every weight MatMul with standard integer operators and keeps no float copy of those weights', () => {
    const net = Network.random(defaultConfig({ width: 16, depth: 2, dilations: [1, 2] }), 7);
    const model = onnx.ModelProto.decode(quantizeWeights(buildInferenceModel(net)));
    const ops = new Set(model.graph?.node?.map((n) => n.opType));
    expect(ops.has('MatMul')).toBe(false);
    expect([...ops].filter((op) => ['DynamicQuantizeLinear', 'MatMulInteger'].includes(op ?? ''))).toHaveLength(2);
    expect(model.graph?.node?.every((n) => !n.domain)).toBe(true); // ai.onnx only, no contrib operators
    const names = new Set(model.graph?.initializer?.map((t) => t.name));
    for (const w of ['block0_w', 'block1_w', 'out_w']) {
      expect(names.has(w)).toBe(false);
      expect(names.has(`${w}_int8_q`)).toBe(true);
    }
  });

  it('gives probabilities close to the float graph, and the same tag wherever the float graph is decided', async () => {
    const net = Network.random(defaultConfig({ width: 32, depth: 3, dilations: [1, 2, 4] }), 11);
    const bytes = buildInferenceModel(net);
    const fp32 = await OnnxTagger.load(bytes, 1, undefined, 'fp32');
    const int8 = await OnnxTagger.load(bytes, 1, undefined, 'int8');
    try {
      const [a, b] = await Promise.all([fp32.predict(TEXTS), int8.predict(TEXTS)]);
      let maxDiff = 0;
      let positions = 0;
      let sameTag = 0;
      a.forEach((probs, d) => {
        const other = b[d] as Float32Array;
        expect(other).toHaveLength(probs.length);
        for (let i = 0; i < probs.length; i += TAG_COUNT) {
          let best = 0;
          let bestOther = 0;
          for (let t = 0; t < TAG_COUNT; t++) {
            maxDiff = Math.max(maxDiff, Math.abs((probs[i + t] as number) - (other[i + t] as number)));
            if ((probs[i + t] as number) > (probs[i + best] as number)) best = t;
            if ((other[i + t] as number) > (other[i + bestOther] as number)) bestOther = t;
          }
          // An untrained network is nearly undecided everywhere: compare where its top tag leads by 0.01 or more.
          const runnerUp = Math.max(...Array.from(probs.subarray(i, i + TAG_COUNT)).filter((_, t) => t !== best));
          if ((probs[i + best] as number) - runnerUp < 0.01) continue;
          positions++;
          if (best === bestOther) sameTag++;
        }
      });
      expect(maxDiff).toBeLessThan(0.05);
      expect(positions).toBeGreaterThan(50);
      expect(sameTag / positions).toBeGreaterThan(0.98);
    } finally {
      await Promise.all([fp32.release(), int8.release()]);
    }
  });

  it('gives a document the same probabilities alone and among others (each window runs alone)', async () => {
    const tagger = await OnnxTagger.load(buildInferenceModel(Network.random(defaultConfig({ width: 16, depth: 2, dilations: [1, 2] }), 3)), 1, undefined, 'int8');
    try {
      const [alone] = await tagger.predict([TEXTS[0] as string]);
      const [together] = await tagger.predict([TEXTS[0] as string, TEXTS[1] as string, TEXTS[3] as string]);
      expect(together).toEqual(alone);
    } finally {
      await tagger.release();
    }
  });
});
