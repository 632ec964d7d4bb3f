/**
 * The model's side of the contract, read from labels.json next to the ONNX file: its version, the
 * tag list in output order, and the featurizer it was trained with. A model trained with another
 * featurizer would load and run but tag nonsense, so that mismatch refuses to load.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ConfidenceCalibration, parseCalibration } from '../assemble/confidence-calibration';
import { FEATURE_VERSION } from '../model/features';
import { receptiveFieldOf } from '../model/network';
import { OnnxTagger } from '../model/onnx-tagger';
import { type ModelPrecision, SERVING_PRECISION } from '../model/quantize';
import { windowsFor } from './windows';

export interface ModelManifest {
  modelVersion: string;
  tags: string[];
  featureVersion: string;
  /** Characters either side that reach a character's tags (window x sum of dilations), when the report says. */
  receptiveField?: number;
}

export function manifestPathOf(modelPath: string): string {
  return join(dirname(modelPath), 'labels.json');
}

export async function readModelManifest(modelPath: string): Promise<ModelManifest> {
  const path = manifestPathOf(modelPath);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the model manifest ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const m = raw as { modelVersion?: unknown; tags?: unknown; features?: { version?: unknown }; report?: { config?: { window?: unknown; dilations?: unknown } } };
  if (typeof m.modelVersion !== 'string' || m.modelVersion === '') throw new Error(`${path}: modelVersion missing`);
  if (!Array.isArray(m.tags) || m.tags.length < 1 || m.tags[0] !== 'O' || !m.tags.every((t) => typeof t === 'string')) {
    throw new Error(`${path}: tags must be a list of strings starting with 'O'`);
  }
  const featureVersion = typeof m.features?.version === 'string' ? m.features.version : '';
  if (featureVersion !== FEATURE_VERSION) {
    throw new Error(`${path}: model was trained with features "${featureVersion}", this build featurizes as "${FEATURE_VERSION}"`);
  }
  const { window, dilations } = m.report?.config ?? {};
  const receptiveField =
    typeof window === 'number' && Array.isArray(dilations) && dilations.every((d) => typeof d === 'number')
      ? receptiveFieldOf({ window, dilations: dilations as number[] })
      : undefined;
  return { modelVersion: m.modelVersion, tags: m.tags as string[], featureVersion, ...(receptiveField !== undefined ? { receptiveField } : {}) };
}

export function calibrationPathOf(modelPath: string): string {
  return join(dirname(modelPath), 'calibration.json');
}

/**
 * The confidence calibration fitted for this model (calibration.json next to it), or undefined when
 * there is none (a freshly trained model: confidences are the decoder's raw scores until
 * scripts/calibrate-confidence.ts has run). One fitted for another model version refuses to load.
 */
export async function readCalibration(modelPath: string, modelVersion: string): Promise<ConfidenceCalibration | undefined> {
  const path = calibrationPathOf(modelPath);
  if (!existsSync(path)) return undefined;
  try {
    return parseCalibration(JSON.parse(await readFile(path, 'utf8')), modelVersion);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}; run scripts/calibrate-confidence.ts for this model`);
  }
}

/**
 * A tagger for the model at `modelPath` that runs it as the service does: long documents split into
 * the same windows, at the serving precision (EXTRACTION_PRECISION's default unless told otherwise),
 * so evaluations score what is served.
 */
export async function loadModelTagger(modelPath: string, threads = 1, precision: ModelPrecision = SERVING_PRECISION): Promise<OnnxTagger> {
  const { receptiveField } = await readModelManifest(modelPath);
  return OnnxTagger.load(modelPath, threads, windowsFor(receptiveField), precision);
}
