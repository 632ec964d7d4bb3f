import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_VERSION } from '../model/features';
import { readModelManifest } from './model-manifest';

describe('readModelManifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mw-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (manifest: object): string => {
    writeFileSync(join(dir, 'labels.json'), JSON.stringify(manifest));
    return join(dir, 'extractor.onnx');
  };
  const base = { modelVersion: 'extractor-test', tags: ['O', 'B-lot_number', 'I-lot_number'], features: { version: FEATURE_VERSION } };

  it("reads the receptive field from the training report's encoder config", async () => {
    const m = await readModelManifest(write({ ...base, report: { config: { window: 1, dilations: [1, 2, 4, 8, 16, 32] } } }));
    expect(m).toEqual({ modelVersion: 'extractor-test', tags: base.tags, featureVersion: FEATURE_VERSION, receptiveField: 63 });
  });

  it('leaves the receptive field out when the report does not say', async () => {
    expect((await readModelManifest(write(base))).receptiveField).toBeUndefined();
  });

  it('refuses a model trained with another featurizer', async () => {
    await expect(readModelManifest(write({ ...base, features: { version: 'chars-v0' } }))).rejects.toThrow(/trained with features "chars-v0"/);
  });
});
