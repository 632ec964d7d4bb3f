/**
 * An untrained model that honours the ONNX contract (same featurizer, tags and graph as a trained
 * one), for tests and benchmarks that need the runtime but not the model's judgement.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureConfig } from '../model/features';
import { defaultConfig, Network } from '../model/network';
import { buildInferenceModel } from '../model/onnx-export';
import { TAGS } from '../model/tags';

/** Writes `extractor.onnx` and `labels.json` into `dir`; returns the model path. */
export function writeRandomModel(dir: string, options: { seed?: number; modelVersion?: string } = {}): string {
  mkdirSync(dir, { recursive: true });
  const modelVersion = options.modelVersion ?? 'random-untrained';
  const config = defaultConfig();
  const net = Network.random(config, options.seed ?? 7);
  const modelPath = join(dir, 'extractor.onnx');
  writeFileSync(modelPath, buildInferenceModel(net, modelVersion));
  // The report's config carries the receptive field the service sizes its windows by.
  writeFileSync(join(dir, 'labels.json'), `${JSON.stringify({ modelVersion, tags: TAGS, features: featureConfig(), report: { config } }, null, 2)}\n`);
  return modelPath;
}
