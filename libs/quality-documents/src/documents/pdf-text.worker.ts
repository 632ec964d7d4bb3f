/**
 * Piscina worker: reads the text layer of one PDF with the same guarded parse as the main thread
 * (checkInflatedSize, pdf.js, page and character caps), so a large or pathological PDF occupies
 * this thread and not the HTTP event loop. DomainErrors do not survive structured cloning, so a
 * refusal comes back as data and pdf-text.service.ts rebuilds the same DomainError.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '@mw/http/problem';
import { pdfText, type PdfLimits } from './pdf-text';

export interface PdfTextTask {
  /** Names the task in the "started" message, so its time limit counts parsing, not queueing. */
  id: number;
  bytes: Uint8Array;
  limits: PdfLimits;
}

export type PdfTextResult =
  | { ok: true; text: string }
  | { ok: false; code: ErrorCode; detail: string; extra: Record<string, unknown> };

/** Posted on the worker's parentPort (piscina re-emits it as the pool's 'message' event) when a task starts. */
export interface PdfTextStarted {
  pdfTextStarted: number;
}

async function readPdf({ id, bytes, limits }: PdfTextTask): Promise<PdfTextResult> {
  parentPort?.postMessage({ pdfTextStarted: id } satisfies PdfTextStarted);
  try {
    return { ok: true, text: await pdfText(bytes, limits) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, code: error.code, detail: error.detail, extra: error.extra };
    throw error;
  }
}

module.exports = readPdf;
