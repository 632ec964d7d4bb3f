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
  const net = Network.random(defaultConfig(), options.seed ?? 7);
  const modelPath = join(dir, 'extractor.onnx');
  writeFileSync(modelPath, buildInferenceModel(net, modelVersion));
  writeFileSync(join(dir, 'labels.json'), `${JSON.stringify({ modelVersion, tags: TAGS, features: featureConfig() }, null, 2)}\n`);
  return modelPath;
}
