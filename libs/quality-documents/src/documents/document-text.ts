/**
 * Turns what a client sent into document text, or a problem that says what is wrong with it:
 * empty, too long, not text at all, or a file type we do not read.
 */
import { DomainError, ErrorCode } from '@mw/http';
import { pdfText, type PdfLimits } from './pdf-text';

export type DocumentMediaType = 'application/json' | 'text/plain' | 'application/pdf';

export interface TextLimits {
  maxTextChars: number;
}

/** Magic numbers of formats people upload by mistake; named in the 415 so the caller knows what we saw. */
const KNOWN_BINARY: { name: string; magic: number[] }[] = [
  { name: 'a ZIP archive (also .docx/.xlsx)', magic: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a gzip file', magic: [0x1f, 0x8b] },
  { name: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { name: 'a TIFF image', magic: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'a TIFF image', magic: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { name: 'an OLE2 file (.doc/.xls)', magic: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'a RAR archive', magic: [0x52, 0x61, 0x72, 0x21] },
  { name: 'a bzip2 file', magic: [0x42, 0x5a, 0x68] },
  { name: 'an xz file', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a] },
];

const PDF_MAGIC = Buffer.from('%PDF-');

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/** PDF allows up to 1024 bytes of junk before the header; readers accept it, so do we. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024 + PDF_MAGIC.length)).includes(PDF_MAGIC);
}

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g;

/**
 * Checks the text is text: not empty, not over the limit, and not binary data that happened to
 * decode (NUL characters, or more than 2% control characters or replacement characters).
 */
export function checkText(text: string, limits: TextLimits): string {
  if (text.trim().length === 0) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The document text is empty.', { errors: [{ field: 'text', reason: 'must contain text' }] });
  }
  if (text.length > limits.maxTextChars) {
    throw new DomainError(ErrorCode.PayloadTooLarge, `The document has ${text.length} characters; the limit is ${limits.maxTextChars}.`);
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (text.includes('\u0000') || controls > Math.max(2, text.length * 0.02)) {
    throw new DomainError(ErrorCode.UnprocessableDocument, 'The document looks like binary data, not text (NUL or control characters).');
  }
  return text;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: false });

function decodeText(bytes: Uint8Array): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes);
    return utf8.decode(bytes);
  } catch {
    throw new DomainError(ErrorCode.UnprocessableDocument, 'The file is not UTF-8 text (or UTF-16 with a byte order mark).');
  }
}

export interface UploadedFile {
  bytes: Uint8Array;
  /** Content-Type of the part as the client declared it. */
  declaredType: string;
  fileName: string;
}

export interface DocumentText {
  text: string;
  mediaType: DocumentMediaType;
}

/** Reads a PDF's text layer: pdfText in this thread, or PdfTextService's worker pool. */
export type PdfReader = (bytes: Uint8Array, limits: PdfLimits) => Promise<string>;

/**
 * Reads an uploaded file by its bytes, not its name: `%PDF-` is a PDF whatever it is called, a
 * file that claims to be a PDF without that header is refused, known binary formats are refused
 * by name, anything else must decode as text. The HTTP path passes PdfTextService's reader so
 * pdf.js runs off the event loop.
 */
export async function textOfUpload(file: UploadedFile, limits: TextLimits & PdfLimits, readPdf: PdfReader = pdfText): Promise<DocumentText> {
  const { bytes } = file;
  if (bytes.length === 0) throw new DomainError(ErrorCode.ValidationFailed, 'The uploaded file is empty.', { errors: [{ field: 'file', reason: 'is empty' }] });
  const declared = file.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const claimsPdf = declared === 'application/pdf' || /\.pdf$/i.test(file.fileName);
  if (isPdf(bytes)) {
    return { text: checkText(await readPdf(bytes, limits), limits), mediaType: 'application/pdf' };
  }
  if (claimsPdf) throw new DomainError(ErrorCode.UnprocessableDocument, 'The file is called or declared a PDF but is not one (no %PDF- header).');
  const known = KNOWN_BINARY.find((k) => startsWith(bytes, k.magic));
  if (known) throw new DomainError(ErrorCode.UnsupportedMediaType, `The file is ${known.name}; upload a .txt or a .pdf.`);
  if (declared !== '' && declared !== 'text/plain' && declared !== 'application/octet-stream') {
    throw new DomainError(ErrorCode.UnsupportedMediaType, `Files of type ${declared} are not accepted; upload text/plain or application/pdf.`);
  }
  return { text: checkText(decodeText(bytes), limits), mediaType: 'text/plain' };
}
