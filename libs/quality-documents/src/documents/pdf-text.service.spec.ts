import { DomainError, ErrorCode } from '@mw/http';
import { decompressionBombPdf, handWrittenPdf } from '../../../../test/quality-documents/pdf-fixtures';
import { pdfText } from './pdf-text';
import { PdfTextService, type PdfTextSettings } from './pdf-text.service';

/** The real worker pool, running pdf-text.worker.ts through the repo's require hook. */
const limits = { maxTextChars: 100_000, maxInflatedBytes: 8 * 1_048_576, maxPages: 5 };

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const services: PdfTextService[] = [];
/** settings is kept by reference: the service reads it on every PDF. */
function service(settings: PdfTextSettings = { threads: 1, timeoutMs: 10_000, maxQueue: 16 }): PdfTextService {
  const s = new PdfTextService(settings);
  services.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(services.map((s) => s.onApplicationShutdown()));
});

describe('PdfTextService', () => {
  it('starts no thread until the first PDF, then reads its text layer in one', async () => {
    const pdf = service();
    expect(pdf.threads).toBe(0);
    expect(await pdf.text(handWrittenPdf(['Inspection report', 'lot L23-118, 5 pcs scratched']), limits)).toBe('Inspection report\nlot L23-118, 5 pcs scratched');
    expect(pdf.threads).toBe(1);
  });

  it('refuses what pdfText refuses in process, with the same code, status and detail', async () => {
    const pdf = service();
    const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x5a)]);
    const cases: [string, Buffer, ErrorCode][] = [
      ['not a PDF', Buffer.from('not a pdf'), ErrorCode.UnprocessableDocument],
      ['damaged', damaged, ErrorCode.UnprocessableDocument],
      ['no text layer', handWrittenPdf(null), ErrorCode.UnprocessableDocument],
      ['a decompression bomb', decompressionBombPdf(16), ErrorCode.UnprocessableDocument],
      // 20 lines of 20 characters: pdf.js drops text outside the page, so no longer lines.
      ['too much text', handWrittenPdf(Array.from({ length: 20 }, () => 'x'.repeat(20))), ErrorCode.PayloadTooLarge],
    ];
    const small = { ...limits, maxTextChars: 200 };
    for (const [name, bytes, code] of cases) {
      const inWorker = await refusal(pdf.text(bytes, small));
      const inProcess = await refusal(pdfText(bytes, small));
      expect({ name, code: inWorker.code, status: inWorker.status, detail: inWorker.detail }).toEqual({
        name,
        code,
        status: inProcess.status,
        detail: inProcess.detail,
      });
      expect(inWorker.status).toBe(code === ErrorCode.PayloadTooLarge ? 413 : 422);
    }
  });

  it('stops a PDF that takes longer than the time limit with 422, and reads the next one in a new thread', async () => {
    const settings: PdfTextSettings = { threads: 1, timeoutMs: 1, maxQueue: 16 };
    const pdf = service(settings);
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}: part HX-2210 rev B, lot L23-${i}`);
    const slow = await refusal(pdf.text(handWrittenPdf(lines), limits));
    expect(slow.code).toBe(ErrorCode.UnprocessableDocument);
    expect(slow.status).toBe(422);
    expect(slow.detail).toBe('The PDF took longer than 0.001 s to read; refusing it.');
    expect(pdf.threads).toBe(0); // the thread reading it was terminated
    settings.timeoutMs = 10_000;
    expect(await pdf.text(handWrittenPdf(['lot L1']), limits)).toBe('lot L1');
    expect(pdf.threads).toBe(1);
  });

  it('refuses with 503 and Retry-After once the queue is full', async () => {
    const pdf = service({ threads: 1, timeoutMs: 10_000, maxQueue: 2 });
    const doc = handWrittenPdf(['lot L1']);
    // One being read and two waiting; the fourth and fifth are refused at once.
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => pdf.text(doc, limits)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as DomainError] : []));
    expect(pdf.inFlight).toBe(0);
    for (const e of refused) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e.code).toBe(ErrorCode.Overloaded);
      expect(e.status).toBe(503);
      expect(e.extra.headers?.['retry-after']).toBe('10');
    }
  });

  it('keeps the event loop free while a PDF is read', async () => {
    const pdf = service();
    await pdf.text(handWrittenPdf(['warm up']), limits); // thread start and pdf.js load out of the measurement
    // 20,000 text operators (pdf.js keeps only the ~50 lines on the page, but parses them all): a few
    // hundred ms of pdf.js during which, read in process, a 5 ms interval does not tick once.
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}: part HX-2210 rev B`);
    const doc = handWrittenPdf(lines);
    let ticks = 0;
    const interval = setInterval(() => ticks++, 5);
    const text = await pdf.text(doc, limits);
    clearInterval(interval);
    expect(text.startsWith('line 0: part HX-2210 rev B\nline 1:')).toBe(true);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('lets an idle thread exit', async () => {
    const pdf = service({ threads: 1, timeoutMs: 10_000, maxQueue: 16, idleTimeoutMs: 50 });
    expect(await pdf.text(handWrittenPdf(['lot L1']), limits)).toBe('lot L1');
    const deadline = Date.now() + 10_000;
    while (pdf.threads > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(pdf.threads).toBe(0);
  });

  it('answers 503 once shut down', async () => {
    const pdf = service();
    await pdf.onApplicationShutdown();
    const e = await refusal(pdf.text(handWrittenPdf(['lot L1']), limits));
    expect(e.code).toBe(ErrorCode.Unavailable);
    expect(pdf.threads).toBe(0);
  });
});
