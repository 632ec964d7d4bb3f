import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, ErrorCode } from '@mw/http';
import { assembleFields } from '../assemble/assemble-fields';
import { CLAIM_FIELDS, INSPECTION_FIELDS } from '../schema/fields';
import { InferenceService, type InferenceSettings } from './inference.service';
import { writeRandomModel } from './random-model';
import { servedSpans } from '../ensemble/combine-spans';
import { spansFromProbs, tagDocuments } from '../eval/evaluate-tagger';
import { loadModelTagger } from './model-manifest';
import { splitWindows, windowsFor } from './windows';

/**
 * The runtime end to end on real worker threads and a real (untrained) ONNX model: the fields are
 * noise, but their shape, offsets, batching and back-pressure are what a trained model gets.
 */
const INSPECTION = 'Order 4700012345, part HX-2210 rev B, lot L23-118: 5 pcs with scratches on the housing, severity major, rework. Inspector: Ann Lee, 2026-03-05.';
const CLAIM = '报案号CLM-2026-004512，保单号POL-88231-A，损失金额３．５万元，联系电话138 1234 5678，出险地点上海市浦东新区';

let dir: string;
let modelPath: string;
const services: InferenceService[] = [];

function service(overrides: Partial<InferenceSettings> = {}): InferenceService {
  const s = new InferenceService({ modelPath, maxBatch: 8, maxDelayMs: 2, maxQueue: 64, workers: 1, ...overrides });
  services.push(s);
  return s;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mw-inference-'));
  modelPath = writeRandomModel(join(dir, 'model'), { modelVersion: 'test-random-1' });
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('InferenceService', () => {
  it('loads the model in its worker, warms up and reports the version from labels.json', async () => {
    const s = service();
    expect(s.state).toBe('loading');
    await s.start();
    expect(s.state).toBe('ready');
    expect(s.modelVersion).toBe('test-random-1');
  });

  it.each([
    ['inspection', INSPECTION, INSPECTION_FIELDS],
    ['claim', CLAIM, CLAIM_FIELDS],
  ] as const)('extracts %s fields in document order with offsets into the text', async (kind, text, names) => {
    const s = service();
    const r = await s.extract(kind, text);
    expect(r.modelVersion).toBe('test-random-1');
    expect(r.timingMs).toBeGreaterThan(0);
    expect(r.needsReview).toBe(r.fields.some((f) => f.needsReview));
    for (const f of r.fields) {
      expect(names as readonly string[]).toContain(f.name);
      expect(f.text).toBe(text.slice(f.start, f.end));
      expect(f.confidence).toBeGreaterThanOrEqual(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
    const starts = r.fields.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("splits a long document into windows sized to the model's receptive field, as the evaluation does", async () => {
    const s = service({ maxBatch: 4 });
    const now = new Date('2026-06-01T00:00:00Z');
    const long = Array.from({ length: 12 }, () => INSPECTION).join('\n');
    const windows = windowsFor(63); // the stand-in model has the shipped architecture: 6 blocks, ±63
    expect(windows.overlap).toBe(128);
    expect(splitWindows(long, windows).length).toBeGreaterThan(3);
    const tagger = await loadModelTagger(modelPath);
    expect(tagger.windows).toEqual(windows);
    const spans = (await tagDocuments(tagger, [{ text: long, kind: 'inspection' }]))[0] ?? [];
    await tagger.release();
    const combined = servedSpans(spans, long, 'inspection');
    const expected = assembleFields('inspection', long, combined as typeof spans, { now });
    expect((await s.extract('inspection', long, { now })).fields).toEqual(expected);
  });

  it('gives exactly what the evaluation path gives (ONNX runner, kind-constrained decoder, served rules, assembler)', async () => {
    const s = service();
    const now = new Date('2026-06-01T00:00:00Z');
    const tagger = await loadModelTagger(modelPath);
    const [probs] = await tagger.predict([INSPECTION]);
    await tagger.release();
    const spans = spansFromProbs(INSPECTION, probs as Float32Array, 'inspection');
    const combined = servedSpans(spans, INSPECTION, 'inspection');
    const expected = assembleFields('inspection', INSPECTION, combined as typeof spans, { now });
    expect(expected.length).toBeGreaterThan(0);
    expect((await s.extract('inspection', INSPECTION, { now })).fields).toEqual(expected);
  });

  it('a long document runs as windows and comes back as one, with offsets valid in the whole text', async () => {
    const s = service({ windows: { size: 128, overlap: 32 } });
    const text = Array.from({ length: 12 }, () => INSPECTION).join('\n');
    const sizes: number[] = [];
    s.onBatch((size) => sizes.push(size));
    const r = await s.extract('inspection', text);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(text.length / 128);
    for (const f of r.fields) expect(f.text).toBe(text.slice(f.start, f.end));
    for (let i = 1; i < r.fields.length; i++) expect(r.fields[i]!.start).toBeGreaterThanOrEqual(r.fields[i - 1]!.end);
  });

  it('gives the same fields for a document alone and inside a full batch (padding is harmless)', async () => {
    const s = service({ maxBatch: 4, maxDelayMs: 1000 });
    const alone = await Promise.all([s.extract('inspection', INSPECTION), s.extract('inspection', 'x'), s.extract('inspection', 'y'), s.extract('inspection', 'z')]);
    const sizes: number[] = [];
    s.onBatch((size) => sizes.push(size));
    // A running batch keeps the worker busy, so the next four queue up and run together when it frees.
    const busy = s.extract('inspection', Array.from({ length: 6 }, () => INSPECTION).join('\n'));
    const batched = await Promise.all([
      s.extract('inspection', INSPECTION),
      s.extract('inspection', `${INSPECTION} and more text after it`),
      s.extract('claim', CLAIM),
      s.extract('inspection', 'short'),
    ]);
    await busy;
    expect(sizes[sizes.length - 1]).toBe(4); // long before the 1 s delay
    expect(batched[0]!.fields).toEqual(alone[0]!.fields);
  });

  it('answers 503 overloaded with Retry-After when the queue is full, and keeps serving', async () => {
    const s = service({ maxBatch: 1, maxQueue: 2 });
    await s.start();
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => s.extract('inspection', INSPECTION)));
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as DomainError);
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e.code).toBe(ErrorCode.Overloaded);
      expect(e.status).toBe(503);
      expect(Number(e.extra.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    expect((await s.extract('inspection', INSPECTION)).modelVersion).toBe('test-random-1');
  });

  it('a missing model fails readiness and answers 503 with the reason', async () => {
    const s = service({ modelPath: join(dir, 'nowhere', 'extractor.onnx') });
    await s.start();
    expect(s.state).toBe('failed');
    expect(s.error).toContain('model file not found');
    await expect(s.extract('inspection', INSPECTION)).rejects.toMatchObject({ code: ErrorCode.Unavailable });
  });

  it("applies the calibration shipped next to the model, with its review threshold; refuses one fitted for another model", async () => {
    const calibrated = join(dir, 'calibrated');
    const path = writeRandomModel(calibrated, { modelVersion: 'test-random-2' });
    const calibration = { modelVersion: 'test-random-2', reviewThreshold: 0.8, weights: { bias: 0.5, logit_edge: 0.7, 'label:lot_number': 1.5 } };
    writeFileSync(join(calibrated, 'calibration.json'), JSON.stringify(calibration));
    const s = service({ modelPath: path });
    const now = new Date('2026-06-01T00:00:00Z');
    const tagger = await loadModelTagger(path);
    const [probs] = await tagger.predict([INSPECTION]);
    await tagger.release();
    const combined = servedSpans(spansFromProbs(INSPECTION, probs as Float32Array, 'inspection'), INSPECTION, 'inspection');
    const expected = assembleFields('inspection', INSPECTION, combined as never, { now, calibration, reviewThreshold: 0.8 });
    const raw = assembleFields('inspection', INSPECTION, combined as never, { now });
    expect(expected.map((f) => f.confidence)).not.toEqual(raw.map((f) => f.confidence));
    expect((await s.extract('inspection', INSPECTION, { now })).fields).toEqual(expected);

    writeFileSync(join(calibrated, 'calibration.json'), JSON.stringify({ ...calibration, modelVersion: 'test-random-1' }));
    const stale = service({ modelPath: path });
    await stale.start();
    expect(stale.state).toBe('failed');
    expect(stale.error).toMatch(/fitted for test-random-1, the model is test-random-2.*calibrate-confidence/);
  });

  it('refuses a model trained with another featurizer', async () => {
    const other = join(dir, 'other');
    const path = writeRandomModel(other);
    writeFileSync(join(other, 'labels.json'), JSON.stringify({ modelVersion: 'x', tags: ['O'], features: { version: 'chars-v0' } }));
    const s = service({ modelPath: path });
    await s.start();
    expect(s.state).toBe('failed');
    expect(s.error).toContain('chars-v0');
  });
});
