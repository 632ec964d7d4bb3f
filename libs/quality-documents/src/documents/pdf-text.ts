/**
 * The text layer of a PDF, read with pdf.js (through unpdf), with the guards a hostile upload needs:
 * compressed streams are inflated against a byte budget before pdf.js sees them (a few KB of
 * deflate can expand to gigabytes), and pages and characters are capped.
 */
import { constants, inflateSync } from 'node:zlib';
// problem.ts alone rather than the @mw/http barrel: this file also runs in the PDF worker threads
// (pdf-text.worker.ts), and the barrel would load Nest, Express and Swagger into every thread.
import { DomainError, ErrorCode } from '@mw/http/problem';

export interface PdfLimits {
  /** Total bytes all Flate streams may inflate to. */
  maxInflatedBytes: number;
  maxPages: number;
  maxTextChars: number;
}

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

/**
 * Inflates every FlateDecode stream (truncated ones as far as they go) and fails once the total
 * passes the budget. Streams are found by their keywords, so a stream whose /Length lies still counts.
 */
export function checkInflatedSize(pdf: Buffer, maxBytes: number): number {
  let total = 0;
  let from = 0;
  for (;;) {
    const at = pdf.indexOf(STREAM, from);
    if (at < 0) return total;
    from = at + STREAM.length;
    if (pdf.subarray(Math.max(0, at - 3), at).toString('latin1') === 'end') continue;
    let begin = from;
    if (pdf[begin] === 0x0d) begin++;
    if (pdf[begin] === 0x0a) begin++;
    if (begin === from) continue; // "stream" inside a name or text, not the keyword
    const dict = pdf.subarray(Math.max(0, at - 2048), at).toString('latin1');
    const dictStart = dict.lastIndexOf('<<');
    if (dictStart < 0 || !/\/(FlateDecode|Fl)\b/.test(dict.slice(dictStart))) continue;
    const end = pdf.indexOf(END_STREAM, begin);
    const data = pdf.subarray(begin, end < 0 ? pdf.length : end);
    from = end < 0 ? pdf.length : end + END_STREAM.length;
    try {
      total += inflateSync(data, { maxOutputLength: Math.max(1, maxBytes - total + 1), finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') total = maxBytes + 1;
      // Otherwise corrupt data: pdf.js decides what it makes of it.
    }
    if (total > maxBytes) {
      throw new DomainError(ErrorCode.UnprocessableDocument, `The PDF's compressed streams expand beyond ${Math.round(maxBytes / 1_048_576)} MiB; refusing it as a decompression bomb.`);
    }
  }
}

type TextItem = { str?: string; hasEOL?: boolean };

export async function pdfText(bytes: Uint8Array, limits: PdfLimits): Promise<string> {
  checkInflatedSize(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits.maxInflatedBytes);
  const { getDocumentProxy } = await import('unpdf');
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (and may detach) the buffer it is given.
    doc = await getDocumentProxy(new Uint8Array(bytes), { useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    const reason = name === 'PasswordException' ? 'it is encrypted with a password' : 'it is damaged or not a PDF';
    throw new DomainError(ErrorCode.UnprocessableDocument, `The PDF cannot be read: ${reason}.`);
  }
  try {
    if (doc.numPages > limits.maxPages) {
      throw new DomainError(ErrorCode.UnprocessableDocument, `The PDF has ${doc.numPages} pages; at most ${limits.maxPages} are read.`);
    }
    const pages: string[] = [];
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const text = (content.items as TextItem[]).map((i) => (i.str ?? '') + (i.hasEOL ? '\n' : '')).join('');
      page.cleanup();
      pages.push(text);
      chars += text.length;
      if (chars > limits.maxTextChars) {
        throw new DomainError(ErrorCode.PayloadTooLarge, `The PDF's text exceeds ${limits.maxTextChars} characters.`);
      }
    }
    const text = pages.join('\n\f').trim();
    if (text.replace(/\s+/g, '').length === 0) {
      throw new DomainError(
        ErrorCode.UnprocessableDocument,
        'The PDF has no text layer (a scan or an image); run OCR first or send the text as JSON.',
      );
    }
    return text;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(ErrorCode.UnprocessableDocument, 'The PDF cannot be read: its content is damaged.');
  } finally {
    await doc.loadingTask.destroy().catch(() => undefined);
  }
}
