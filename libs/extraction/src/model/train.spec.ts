/** @jest-environment ./test/extraction/ort-environment.js */
import { featurize } from './features';
import { Network, defaultConfig, forward, paramLayout, viewsOf } from './network';
import { OrtGradientEngine } from './train-graph';
import { type EncodedDoc, ParameterAverage, budgetWarning, dropFeatures, edgeWeights, encodeDocument, goldTags, jsGradientEngine, makeBatches, softTargets, trainModel } from './train';
import { Rng } from '../data/prng';
import { beginTag, insideTag } from './tags';

const cfg = defaultConfig({ width: 8, depth: 2, pieces: 2, dilations: [1, 2] });

function doc(text: string, tagAt: (i: number) => number): EncodedDoc {
  const f = featurize(text);
  const tags = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) tags[i] = tagAt(i);
  return { ids: f.ids, length: f.length, tags };
}

const docs = [
  doc('Lot L23-118, 5 pcs', (i) => (i === 4 ? beginTag('lot_number') : i > 4 && i < 11 ? insideTag('lot_number') : 0)),
  doc('3号线 批次B2310', (i) => (i === 0 ? beginTag('line') : i < 3 ? insideTag('line') : 0)),
];

function loss(params: Float32Array): number {
  const v = viewsOf(cfg, params);
  let total = 0;
  for (const d of docs) {
    const { probs } = forward(cfg, v, d.ids, d.length);
    for (let t = 0; t < d.length; t++) total -= Math.log(probs[t * cfg.tags + (d.tags[t] as number)] as number);
  }
  return total;
}

/** The same batch's gradient from the TypeScript backprop and from the ONNX training graph, and their largest difference. */
async function bothEngines(batch: readonly EncodedDoc[], seed: number) {
  const net = Network.random(cfg, seed);
  const ref = new Float32Array(net.params.length);
  const refOut = await jsGradientEngine(cfg).compute(net.params, ref, batch, 0.1);
  const engine = await OrtGradientEngine.create(cfg, 1);
  const got = new Float32Array(net.params.length);
  const out = await engine.compute(net.params, got, batch, 0.1);
  await engine.release();
  let maxDiff = 0;
  for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ref[i]! - got[i]!));
  for (let i = 0; i < Math.min(refOut.rowGrads.length, out.rowGrads.length); i++) maxDiff = Math.max(maxDiff, Math.abs(refOut.rowGrads[i]! - out.rowGrads[i]!));
  return { net, refOut, out, maxDiff };
}

describe('backprop', () => {
  it('matches finite differences of the TypeScript forward pass', async () => {
    const net = Network.random(cfg, 3);
    const grad = new Float32Array(net.params.length);
    const r = await jsGradientEngine(cfg).compute(net.params, grad, docs, 1);
    r.rows.forEach((row, u) => grad.set(r.rowGrads.subarray(u * cfg.width, (u + 1) * cfg.width), row * cfg.width));
    const layout = paramLayout(cfg);
    const rng = new Rng(9);
    // Probe the dense part plus embedding rows the documents actually use.
    const probes: number[] = [];
    for (let i = 0; i < 40; i++) probes.push(rng.int(layout.embedEnd, layout.size - 1));
    const row = cfg.slotOffsets[0]! + docs[0]!.ids[0]!;
    for (let i = 0; i < cfg.width; i++) probes.push(row * cfg.width + i);
    const p = Float64Array.from(net.params);
    // Maxout is piecewise linear: a probe whose step crosses a kink disagrees legitimately, so a
    // couple of misses are tolerated; a wrong derivation misses nearly everywhere.
    let misses = 0;
    for (const i of probes) {
      const h = 2e-3;
      const plus = Float32Array.from(p);
      plus[i] = p[i]! + h;
      const minus = Float32Array.from(p);
      minus[i] = p[i]! - h;
      const numeric = (loss(plus) - loss(minus)) / (2 * h);
      if (Math.abs(numeric - grad[i]!) > 3e-3 + 0.03 * Math.abs(numeric)) misses++;
    }
    expect(misses).toBeLessThanOrEqual(2);
  });

  it('the ONNX training graph gives the same gradient as the TypeScript backprop', async () => {
    const { refOut, out, maxDiff } = await bothEngines(docs, 5);
    expect(out.rows).toEqual(refOut.rows);
    expect(out.loss).toBeCloseTo(refOut.loss, 4);
    expect(out.rowGrads.length).toBe(refOut.rowGrads.length);
    expect(maxDiff).toBeLessThan(1e-4);
  });
});

describe('span-edge loss weights', () => {
  it("weigh a span's first and last characters and the one after it, nothing else", () => {
    // "Lot L23-118, 5 pcs": lot_number on 4..10
    const d = docs[0] as EncodedDoc;
    const w = edgeWeights(d.tags, d.length, 3);
    expect([...w].map((x, i) => (x === 3 ? i : -1)).filter((i) => i >= 0)).toEqual([4, 10, 11]);
    const single = new Uint8Array([0, beginTag('lot_number'), beginTag('lot_number')]);
    expect([...edgeWeights(single, 3, 2)]).toEqual([1, 2, 2]);
  });

  it('scale the gradient the same way in the ONNX training graph and the TypeScript backprop', async () => {
    const weighted = docs.map((d) => ({ ...d, weights: edgeWeights(d.tags, d.length, 2.5) }));
    const { net, refOut, out, maxDiff } = await bothEngines(weighted, 9);
    const plain = await jsGradientEngine(cfg).compute(net.params, new Float32Array(net.params.length), docs, 0.1);
    expect(refOut.loss).toBeGreaterThan(plain.loss);
    expect(out.loss).toBeCloseTo(refOut.loss, 4);
    expect(maxDiff).toBeLessThan(1e-4);
  });
});

describe('distillation targets', () => {
  /** A teacher that spreads its belief: 0.7 on the gold tag, 0.3 on O (or on B-lot_number where gold is O). */
  const teacher = (d: EncodedDoc): Float32Array => {
    const p = new Float32Array(d.length * cfg.tags);
    for (let r = 0; r < d.length; r++) {
      const gold = d.tags[r] as number;
      p[r * cfg.tags + gold] = 0.7;
      p[r * cfg.tags + (gold === 0 ? beginTag('lot_number') : 0)] = 0.3;
    }
    return p;
  };

  it('mix the gold tag with the teachers in the share asked, in bytes', () => {
    const d = docs[0] as EncodedDoc;
    const soft = softTargets(d.tags, teacher(d), cfg.tags, 0.5);
    // Position 4 is B-lot_number: 0.5 x 1 + 0.5 x 0.7 on it, 0.5 x 0.3 on O.
    expect(soft[4 * cfg.tags + beginTag('lot_number')]).toBe(Math.round(0.85 * 255));
    expect(soft[4 * cfg.tags]).toBe(Math.round(0.15 * 255));
    expect(softTargets(d.tags, teacher(d), cfg.tags, 0).filter((x) => x !== 0).length).toBe(d.length);
  });

  it('give the same loss and gradient in the ONNX training graph and the TypeScript backprop; share 0 is the plain loss', async () => {
    const soft = docs.map((d) => ({ ...d, soft: softTargets(d.tags, teacher(d), cfg.tags, 0.5) }));
    const { net, refOut, out, maxDiff } = await bothEngines(soft, 11);
    expect(out.loss).toBeCloseTo(refOut.loss, 4);
    expect(maxDiff).toBeLessThan(1e-4);
    const js = jsGradientEngine(cfg);
    const plain = await js.compute(net.params, new Float32Array(net.params.length), docs, 0.1);
    const hard = await js.compute(net.params, new Float32Array(net.params.length), docs.map((d) => ({ ...d, soft: softTargets(d.tags, teacher(d), cfg.tags, 0) })), 0.1);
    expect(out.loss).not.toBeCloseTo(plain.loss, 2);
    expect(hard.loss).toBeCloseTo(plain.loss, 5);
  });
});

describe('training', () => {
  it('is deterministic for a seed and lowers the loss', async () => {
    const data = [...docs, ...docs, ...docs];
    const run = async (): Promise<{ params: Float32Array; first: number; last: number }> => {
      const losses: number[] = [];
      const engine = await OrtGradientEngine.create(cfg, 1);
      const r = await trainModel(data, engine, {
        config: cfg,
        seed: 42,
        epochs: 30,
        batchChars: 40,
        learningRate: 0.01,
        clipNorm: 5,
        log: (m) => losses.push(Number(/loss ([\d.]+)/.exec(m)?.[1])),
      });
      await engine.release();
      return { params: r.network.params, first: losses[0]!, last: losses[losses.length - 1]! };
    };
    const a = await run();
    const b = await run();
    expect(Buffer.from(a.params.buffer).equals(Buffer.from(b.params.buffer))).toBe(true);
    expect(a.last).toBeLessThan(a.first * 0.5);
  });

  it('warns when the projected run is over the time budget, and only then', () => {
    // 200 of 10,000 steps in 30 s: 1,500 s projected.
    expect(budgetWarning(30, 200, 10_000, 900_000, 1140)).toMatch(/30000 chars\/s .* ~1500s for the 10000 planned steps, over the 1140s budget.*--budget 0/);
    expect(budgetWarning(20, 200, 10_000, 900_000, 1140)).toBeUndefined();
    expect(budgetWarning(30, 200, 10_000, 900_000, 0)).toBeUndefined();
  });

  it('makeBatches covers every document once', () => {
    const many = Array.from({ length: 50 }, (_, i) => docs[i % 2]!);
    const batches = makeBatches(many, 100, new Rng(1));
    expect(batches.flat().sort((x, y) => x - y)).toEqual(many.map((_, i) => i));
  });

  it('gold tags trim whitespace at span edges', () => {
    const d = encodeDocument({ id: 'x', kind: 'inspection', lang: 'en', text: 'lot  A1 ', spans: [{ label: 'lot_number', start: 4, end: 8 }] });
    expect(Array.from(d.tags)).toEqual([0, 0, 0, 0, 0, beginTag('lot_number'), insideTag('lot_number'), 0]);
    expect(goldTags({ id: 'y', kind: 'claim', lang: 'zh', text: '', spans: [] }).length).toBe(0);
  });

  it('the parameter average catches untouched embedding rows up in closed form, as if averaged every step', () => {
    const width = 2;
    const embedEnd = 3 * width; // three embedding rows, then two dense values
    const params = Float32Array.from([1, 1, 2, 2, 3, 3, 5, 5]);
    const lazy = new ParameterAverage(params, embedEnd, width, 0.9);
    const dense = Float64Array.from(params);
    const rng = new Rng(4);
    for (let step = 0; step < 30; step++) {
      const rows = step % 7 === 0 ? [0, 2] : [1];
      for (const row of rows) {
        lazy.catchUpRow(params, row);
        for (let i = row * width; i < (row + 1) * width; i++) params[i] = params[i]! + rng.next() - 0.5;
        lazy.blendRow(params, row);
      }
      for (let i = embedEnd; i < params.length; i++) params[i] = params[i]! + rng.next() - 0.5;
      lazy.endStep(params);
      for (let i = 0; i < params.length; i++) dense[i] = 0.9 * dense[i]! + 0.1 * params[i]!;
    }
    const got = lazy.current(params);
    for (let i = 0; i < params.length; i++) expect(got[i]).toBeCloseTo(dense[i]!, 5);
    // The average is not the last value: it lags behind the walk.
    expect(Math.abs(got[embedEnd]! - params[embedEnd]!)).toBeGreaterThan(1e-3);
  });

  it('feature dropout hides context slots only, never the character slot that marks real positions', () => {
    const d = docs[0]!;
    const dropped = dropFeatures(d, 0.5, new Rng(8));
    const slots = d.ids.length / d.length;
    let hidden = 0;
    for (let q = 0; q < d.ids.length; q++) {
      if (q % slots === 0) expect(dropped.ids[q]).toBe(d.ids[q]);
      else if (dropped.ids[q] === 0) hidden++;
      else expect(dropped.ids[q]).toBe(d.ids[q]);
    }
    const context = d.length * (slots - 1);
    expect(hidden).toBeGreaterThan(context * 0.35);
    expect(hidden).toBeLessThan(context * 0.65);
    expect(d.ids).not.toBe(dropped.ids);
    expect(dropFeatures(d, 0, new Rng(8)).ids).toEqual(d.ids);
  });
});
