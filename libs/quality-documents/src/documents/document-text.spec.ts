import { deflateSync } from 'node:zlib';
import { DomainError, ErrorCode } from '@mw/http';
import { decompressionBombPdf, handWrittenPdf } from '../../../../test/quality-documents/pdf-fixtures';
import { checkText, isPdf, textOfUpload } from './document-text';
import { checkInflatedSize } from './pdf-text';

const limits = { maxTextChars: 1000, maxInflatedBytes: 8 * 1_048_576, maxPages: 5 };

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('checkText', () => {
  it('accepts text with tabs, line breaks and form feeds', () => {
    expect(checkText('a\tb\r\nc\fd', limits)).toBe('a\tb\r\nc\fd');
  });
  it.each([
    ['', ErrorCode.ValidationFailed],
    [' \n ', ErrorCode.ValidationFailed],
    ['x'.repeat(1001), ErrorCode.PayloadTooLarge],
    ['lot\u0000L1', ErrorCode.UnprocessableDocument],
    ['\u0001\u0002\u0003 mostly control', ErrorCode.UnprocessableDocument],
  ])('refuses %j', async (text, code) => {
    expect(await codeOf(Promise.resolve().then(() => checkText(text, limits)))).toBe(code);
  });
});

describe('textOfUpload', () => {
  const file = (bytes: Buffer | string, declaredType = 'text/plain', fileName = 'a.txt') => ({ bytes: Buffer.from(bytes), declaredType, fileName });

  it('decodes UTF-8 and UTF-16 with a byte order mark', async () => {
    expect(await textOfUpload(file('批次 L23-118'), limits)).toEqual({ text: '批次 L23-118', mediaType: 'text/plain' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('批次 L1', 'utf16le')]);
    expect((await textOfUpload(file(utf16), limits)).text).toBe('批次 L1');
  });

  it('trusts the bytes over the name: a PDF called .txt is read as a PDF', async () => {
    const r = await textOfUpload(file(handWrittenPdf(['lot L23-118']), 'text/plain', 'a.txt'), limits);
    expect(r).toEqual({ text: 'lot L23-118', mediaType: 'application/pdf' });
  });

  it.each([
    ['a fake PDF', file('not a pdf', 'application/pdf', 'x.pdf'), ErrorCode.UnprocessableDocument],
    ['a PDF without text', file(handWrittenPdf(null), 'application/pdf', 'scan.pdf'), ErrorCode.UnprocessableDocument],
    ['a zip', file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'application/zip', 'x.zip'), ErrorCode.UnsupportedMediaType],
    ['a gzip', file(Buffer.from([0x1f, 0x8b, 8, 0]), 'application/octet-stream', 'x.gz'), ErrorCode.UnsupportedMediaType],
    ['an HTML file', file('<p>hi</p>', 'text/html', 'x.html'), ErrorCode.UnsupportedMediaType],
    ['invalid UTF-8', file(Buffer.from([0x61, 0xff, 0xfe, 0xfd, 0x62]), 'text/plain', 'x.txt'), ErrorCode.UnprocessableDocument],
    ['an empty file', file(''), ErrorCode.ValidationFailed],
    ['a decompression bomb', file(decompressionBombPdf(16), 'application/pdf', 'b.pdf'), ErrorCode.UnprocessableDocument],
  ])('refuses %s', async (_name, f, code) => {
    expect(await codeOf(textOfUpload(f, limits))).toBe(code);
  });

  it('finds %PDF- after leading junk, as readers do', () => {
    expect(isPdf(Buffer.concat([Buffer.from('junk\n'), handWrittenPdf(['x'])]))).toBe(true);
    expect(isPdf(Buffer.from('%PD'))).toBe(false);
  });
});

describe('checkInflatedSize', () => {
  it('sums Flate streams, ignores others, and stops at the budget', () => {
    const small = deflateSync(Buffer.alloc(1000));
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj\n<< /Length 5 >>\nstream\nhello\nendstream\n2 0 obj\n<< /Filter /FlateDecode >>\nstream\n'),
      small,
      Buffer.from('\nendstream\n'),
    ]);
    expect(checkInflatedSize(pdf, 10_000)).toBe(1000);
    expect(() => checkInflatedSize(pdf, 999)).toThrow(/decompression bomb/);
  });

  it('counts a truncated stream as far as it inflates', () => {
    const data = deflateSync(Buffer.alloc(4 * 1_048_576));
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n<< /Filter /FlateDecode >>\nstream\n'), data.subarray(0, data.length - 10)]);
    expect(() => checkInflatedSize(pdf, 1_048_576)).toThrow(/decompression bomb/);
  });
});
