/**
 * PDF text extraction off the HTTP event loop: a small piscina pool runs pdf-text.worker.ts. The
 * pool starts on the first PDF (a process that never sees one starts no thread), idle threads
 * exit, each PDF has a time limit (the thread reading it is terminated when it passes), and the
 * queue is bounded (503 with Retry-After beyond it).
 */
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Piscina } from 'piscina';
import type { AppConfig } from '@mw/config';
import { DomainError, ErrorCode } from '@mw/http';
import type { PdfLimits } from './pdf-text';
import type { PdfTextResult, PdfTextStarted, PdfTextTask } from './pdf-text.worker';

export interface PdfTextSettings {
  /** Most threads reading PDFs at once. */
  threads: number;
  /** Longest one PDF may take to read, from when a thread starts on it (queueing not counted). */
  timeoutMs: number;
  /** PDFs waiting for a thread beyond which uploads are refused with 503. */
  maxQueue: number;
  /** How long an idle thread lives; 30 s when absent. */
  idleTimeoutMs?: number;
}

export function pdfTextSettingsFrom(config: AppConfig): PdfTextSettings {
  return { threads: config.pdf.threads, timeoutMs: config.pdf.timeoutMs, maxQueue: config.pdf.maxQueue };
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Heap of one PDF thread: pdf.js needs tens of MiB for ordinary documents. */
const PDF_THREAD_HEAP_MB = 512;

/** The compiled worker from dist/, or the TypeScript source under a test runner with the repo's require hook. */
function workerEntry(): { filename: string; execArgv: string[] } {
  const ext = extname(__filename);
  const filename = join(__dirname, `pdf-text.worker${ext === '.ts' ? '.ts' : '.js'}`);
  if (ext !== '.ts') return { filename, execArgv: [] };
  const hook = resolve(__dirname, '../../../../scripts/register-ts.js');
  if (!existsSync(hook)) throw new Error(`running from TypeScript sources needs ${hook}`);
  return { filename, execArgv: ['--require', hook] };
}

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

const isStarted = (message: unknown): message is PdfTextStarted =>
  typeof message === 'object' && message !== null && typeof (message as PdfTextStarted).pdfTextStarted === 'number';

@Injectable()
export class PdfTextService implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfTextService.name);
  private pool: Piscina | undefined;
  private closed = false;
  private nextId = 0;
  /** PDFs submitted and not yet answered: being read or waiting for a thread. */
  private pending = 0;
  /** Time-limit starters of submitted tasks, called when the worker says it has begun. */
  private readonly starters = new Map<number, () => void>();

  constructor(private readonly settings: PdfTextSettings) {}

  /** Threads currently alive (0 before the first PDF and after they idle out). */
  get threads(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** PDFs being read or waiting for a thread. */
  get inFlight(): number {
    return this.pending;
  }

  /**
   * The text layer of a PDF, read in a worker thread. Refusals are the same DomainErrors pdfText
   * throws in process; plus 422 when reading takes longer than the time limit and 503 (with
   * Retry-After) when the queue is full or the server is shutting down.
   */
  async text(bytes: Uint8Array, limits: PdfLimits): Promise<string> {
    const pool = this.poolOrStart();
    const timeoutMs = this.settings.timeoutMs;
    // Counted here, not with piscina's maxQueue: piscina parks tasks that carry an AbortSignal in a
    // queue that maxQueue does not count (piscina 5.3), so it would never refuse one.
    const waiting = this.pending - this.settings.threads;
    if (waiting >= this.settings.maxQueue) {
      // Every PDF being read is done or stopped within one time limit, so a thread frees by then.
      const retryAfter = Math.max(1, Math.ceil(timeoutMs / 1000));
      throw new DomainError(ErrorCode.Overloaded, `PDF reading is at capacity (${Math.max(0, waiting)} PDFs queued); retry after ${retryAfter} s.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    const id = ++this.nextId;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    this.starters.set(id, () => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    });
    // A copy of our own whose buffer moves to the thread instead of being cloned.
    const copy = new Uint8Array(bytes);
    const task: PdfTextTask = { id, bytes: copy, limits: { maxInflatedBytes: limits.maxInflatedBytes, maxPages: limits.maxPages, maxTextChars: limits.maxTextChars } };
    let result: PdfTextResult;
    this.pending++;
    try {
      result = (await pool.run(task, { signal: controller.signal, transferList: [copy.buffer] })) as PdfTextResult;
    } catch (error) {
      if (timedOut) {
        throw new DomainError(ErrorCode.UnprocessableDocument, `The PDF took longer than ${timeoutMs / 1000} s to read; refusing it.`);
      }
      if (this.closed) throw new DomainError(ErrorCode.Unavailable, 'The server is shutting down.', { headers: { 'retry-after': '5' } });
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new DomainError(ErrorCode.UnprocessableDocument, `Reading the PDF needed more than ${PDF_THREAD_HEAP_MB} MiB of memory; refusing it.`);
      }
      throw error;
    } finally {
      this.pending--;
      clearTimeout(timer);
      this.starters.delete(id);
    }
    if (result.ok) return result.text;
    throw new DomainError(ERROR_CODES.has(result.code) ? result.code : ErrorCode.Internal, result.detail, result.extra);
  }

  private poolOrStart(): Piscina {
    if (this.closed) throw new DomainError(ErrorCode.Unavailable, 'The server is shutting down.', { headers: { 'retry-after': '5' } });
    if (this.pool !== undefined) return this.pool;
    const { filename, execArgv } = workerEntry();
    const pool = new Piscina({
      filename,
      execArgv,
      minThreads: 0,
      maxThreads: this.settings.threads,
      idleTimeout: this.settings.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      concurrentTasksPerWorker: 1,
      // A PDF that makes pdf.js allocate without end kills its own thread, not the process.
      resourceLimits: { maxOldGenerationSizeMb: PDF_THREAD_HEAP_MB },
    });
    pool.on('message', (message: unknown) => {
      if (isStarted(message)) this.starters.get(message.pdfTextStarted)?.();
    });
    // A thread that dies between tasks is replaced on the next task; its error must not crash the process.
    pool.on('error', (error: unknown) => this.logger.warn(`PDF worker thread failed: ${error instanceof Error ? error.message : String(error)}`));
    this.pool = pool;
    return pool;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
