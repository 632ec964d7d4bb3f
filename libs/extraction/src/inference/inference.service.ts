/**
 * The inference runtime behind every extraction endpoint: a piscina pool of worker threads, one
 * onnxruntime session each, fed by a micro-batcher. The event loop only splits windows, queues,
 * stitches and assembles; featurizing, the model and Viterbi run in the workers.
 */
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Piscina } from 'piscina';
import { DomainError, ErrorCode } from '@mw/http';
import { assembleFields, type ScoredSpan } from '../assemble/assemble-fields';
import { type CombinableSpan, servedSpans } from '../ensemble/combine-spans';
import type { DocumentKind, ExtractedField } from '../schema/fields';
import type { WorkerConfig, WorkerResult, WorkerTask } from './inference.worker';
import { MicroBatcher, QueueFullError } from './micro-batcher';
import type { ConfidenceCalibration } from '../assemble/confidence-calibration';
import { type ModelPrecision, SERVING_PRECISION } from '../model/quantize';
import { readCalibration, readModelManifest } from './model-manifest';
import { splitWindows, stitchSpans, type WindowOptions, windowsFor } from './windows';

export interface InferenceSettings {
  modelPath: string;
  /** Largest micro-batch in windows; 1 disables batching. */
  maxBatch: number;
  /** Longest a queued window waits for company before its batch runs anyway. */
  maxDelayMs: number;
  /** Windows waiting beyond which requests are refused with 503. */
  maxQueue: number;
  /** Worker threads, each with its own single-threaded session. */
  workers: number;
  /** `int8` quantizes the weight MatMuls when the model loads (model/quantize.ts); default SERVING_PRECISION. */
  precision?: ModelPrecision;
  /** Window size and overlap; by default derived from the model's receptive field (windowsFor). */
  windows?: WindowOptions;
  /** Fields below this confidence are flagged for review; by default the model's calibration says (calibration.json). */
  reviewThreshold?: number;
}

export interface ExtractionResult {
  modelVersion: string;
  fields: ExtractedField[];
  /** Wall time from submission to assembled fields, queueing included. */
  timingMs: number;
  /** True when any field is flagged for review. */
  needsReview: boolean;
}

export type ModelState = 'loading' | 'ready' | 'failed' | 'closed';

export type BatchListener = (size: number, ms: number) => void;

type WindowOutput = WorkerResult['spans'][number];

/** One queued window: its text and the kind of the document it belongs to (decoding needs it). */
interface WindowItem {
  text: string;
  kind: DocumentKind;
}

/** Length buckets of 64 units: windows in one batch pad to within 64 of each other. */
const bucketOf = (item: WindowItem): number => Math.ceil(item.text.length / 64);

/** How long close() waits for loading and running batches before it stops the worker threads anyway. */
const CLOSE_WAIT_MS = 30_000;

/** Waits for `work` (which must not reject) or `ms`, whichever comes first. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((r) => (timer = setTimeout(r, ms).unref()))]);
  clearTimeout(timer);
}

const WARM_UP_TEXT = 'Lot L23-118, part HX-2210 rev B, 5 pcs scratched, severity major. 10月5日 3号线 批次B2310-07 发现气孔 12件';

/** The compiled worker from dist/, or the TypeScript source under a test runner with the repo's require hook. */
function workerEntry(): { filename: string; execArgv: string[] } {
  const ext = extname(__filename);
  const filename = join(__dirname, `inference.worker${ext === '.ts' ? '.ts' : '.js'}`);
  if (ext !== '.ts') return { filename, execArgv: [] };
  const hook = resolve(__dirname, '../../../../scripts/register-ts.js');
  if (!existsSync(hook)) throw new Error(`running from TypeScript sources needs ${hook}`);
  return { filename, execArgv: ['--require', hook] };
}

@Injectable()
export class InferenceService implements OnApplicationShutdown {
  private pool: Piscina | undefined;
  private batcher: MicroBatcher<WindowItem, WindowOutput> | undefined;
  private stateValue: ModelState = 'loading';
  private failure: string | undefined;
  private version: string | undefined;
  private calibration: ConfidenceCalibration | undefined;
  private starting: Promise<void> | undefined;
  private windows: WindowOptions | undefined;
  private readonly listeners: BatchListener[] = [];

  constructor(private readonly settings: InferenceSettings) {}

  get state(): ModelState {
    return this.stateValue;
  }

  get ready(): boolean {
    return this.stateValue === 'ready';
  }

  get modelVersion(): string | undefined {
    return this.version;
  }

  /** The precision the workers run the model at (EXTRACTION_PRECISION). */
  get precision(): ModelPrecision {
    return this.settings.precision ?? SERVING_PRECISION;
  }

  /** Why the model is not available, when it failed to load. */
  get error(): string | undefined {
    return this.failure;
  }

  /** Windows waiting for a batch. */
  get queueDepth(): number {
    return this.batcher?.depth ?? 0;
  }

  get batchesInFlight(): number {
    return this.batcher?.inFlight ?? 0;
  }

  /** Metrics hook: every batch's size (windows) and run time in ms. */
  onBatch(listener: BatchListener): void {
    this.listeners.push(listener);
  }

  /** Loads the model in every worker and runs one warm-up batch each; idempotent. Never rejects. */
  start(): Promise<void> {
    this.starting ??= this.load().catch((error: unknown) => {
      this.stateValue = 'failed';
      this.failure = error instanceof Error ? error.message : String(error);
    });
    return this.starting;
  }

  private async load(): Promise<void> {
    const s = this.settings;
    if (!existsSync(s.modelPath)) throw new Error(`model file not found: ${resolve(s.modelPath)}`);
    const manifest = await readModelManifest(s.modelPath);
    this.calibration = await readCalibration(s.modelPath, manifest.modelVersion);
    const { filename, execArgv } = workerEntry();
    const workerData: WorkerConfig = { modelPath: resolve(s.modelPath), intraOpThreads: 1, tags: manifest.tags, precision: this.precision };
    const pool = new Piscina({
      filename,
      execArgv,
      workerData,
      minThreads: s.workers,
      maxThreads: s.workers,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      concurrentTasksPerWorker: 1,
    });
    this.pool = pool;
    const run = (items: readonly WindowItem[]): Promise<WorkerResult> =>
      pool.run({ texts: items.map((i) => i.text), kinds: items.map((i) => i.kind) } satisfies WorkerTask) as Promise<WorkerResult>;
    // One warm-up per worker at once: each thread loads its session and runs a first batch.
    const warmUp: WindowItem[] = [
      { text: WARM_UP_TEXT, kind: 'inspection' },
      { text: WARM_UP_TEXT.slice(0, 40), kind: 'claim' },
    ];
    await Promise.all(Array.from({ length: s.workers }, () => run(warmUp)));
    if (this.stateValue === 'closed') return;
    this.batcher = new MicroBatcher<WindowItem, WindowOutput>(
      async (items) => (await run(items)).spans,
      { maxBatch: s.maxBatch, maxDelayMs: s.maxDelayMs, maxQueue: s.maxQueue, concurrency: s.workers },
      bucketOf,
      { onBatch: (size, ms) => this.listeners.forEach((l) => l(size, ms)) },
    );
    this.windows = s.windows ?? windowsFor(manifest.receptiveField);
    this.version = manifest.modelVersion;
    this.stateValue = 'ready';
  }

  /**
   * Extracts the fields of one document. Waits for the model while it loads; 503 when it failed to
   * load or the queue is full (with Retry-After).
   */
  async extract(kind: DocumentKind, text: string, options: { now?: Date } = {}): Promise<ExtractionResult> {
    const started = performance.now();
    await this.start();
    const batcher = this.batcher;
    const windowOptions = this.windows;
    if (this.stateValue !== 'ready' || batcher === undefined || this.version === undefined || windowOptions === undefined) {
      throw new DomainError(ErrorCode.Unavailable, `The extraction model is not available${this.failure ? `: ${this.failure}` : ''}.`, {
        headers: { 'retry-after': '30' },
      });
    }
    const windows = splitWindows(text, windowOptions);
    let outputs: WindowOutput[];
    try {
      outputs = await Promise.all(batcher.submitAll(windows.map((w) => ({ text: w.text, kind }))));
    } catch (error) {
      if (error instanceof QueueFullError) {
        throw new DomainError(ErrorCode.Overloaded, `Extraction is at capacity (${error.depth} windows queued); retry after ${error.retryAfterSeconds} s.`, {
          headers: { 'retry-after': String(error.retryAfterSeconds) },
        });
      }
      throw error;
    }
    const modelSpans: ScoredSpan[] = stitchSpans(windows, outputs, text.length);
    // Per field the model, the rules, or one filling the other's gaps, as chosen on the development sets (field-sources.ts).
    const spans = servedSpans(modelSpans as CombinableSpan[], text, kind) as ScoredSpan[];
    const reviewThreshold = this.settings.reviewThreshold ?? this.calibration?.reviewThreshold;
    const fields = assembleFields(kind, text, spans, {
      now: options.now ?? new Date(),
      ...(reviewThreshold !== undefined ? { reviewThreshold } : {}),
      ...(this.calibration ? { calibration: this.calibration } : {}),
    });
    return {
      modelVersion: this.version,
      fields,
      timingMs: Math.round((performance.now() - started) * 100) / 100,
      needsReview: fields.some((f) => f.needsReview),
    };
  }

  async close(): Promise<void> {
    this.stateValue = 'closed';
    this.batcher?.close(new DomainError(ErrorCode.Unavailable, 'The server is shutting down.'));
    // A worker thread stopped while onnxruntime still loads a session or runs a batch in it takes the
    // whole process down (the native callback throws into a thread that is gone: "terminate called
    // after throwing an instance of 'Napi::Error'"), so the load, the warm-up and the batches in
    // flight finish first, for at most CLOSE_WAIT_MS.
    await settleWithin(Promise.all([this.starting, this.batcher?.drained()]), CLOSE_WAIT_MS);
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
