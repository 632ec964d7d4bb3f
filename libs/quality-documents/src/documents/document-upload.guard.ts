import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { DomainError, ErrorCode } from '@mw/http';
import { textOfUpload, type DocumentMediaType } from './document-text';
import { PdfTextService } from './pdf-text.service';

/** What the upload looked like, for the stored document; the text itself goes into the body. */
export interface UploadInfo {
  mediaType: DocumentMediaType;
  fileName?: string;
  byteSize: number;
}

export type RequestWithUpload = Request & { documentUpload?: UploadInfo };

const FORM_FIELDS = new Set(['plant', 'source', 'metadata', 'text']);
/** Decompressed bytes a PDF's streams may expand to, whatever the upload limit. */
const MAX_INFLATED_BYTES = 64 * 1_048_576;
const MAX_PDF_PAGES = 500;

function multerProblem(error: unknown, limitBytes: number): DomainError {
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new DomainError(ErrorCode.PayloadTooLarge, `The uploaded file exceeds ${limitBytes} bytes.`);
      case 'LIMIT_FIELD_VALUE':
        return new DomainError(ErrorCode.PayloadTooLarge, `Form field "${error.field ?? ''}" is too long.`);
      case 'LIMIT_UNEXPECTED_FILE':
        return new DomainError(ErrorCode.BadRequest, `Upload the document as the one file field "file" (got "${error.field ?? ''}").`);
      default:
        return new DomainError(ErrorCode.BadRequest, `The multipart form is not acceptable: ${error.message}.`);
    }
  }
  return new DomainError(ErrorCode.BadRequest, 'The multipart body could not be read (malformed or truncated).');
}

/**
 * Reads a multipart upload into the same body a JSON request has ({text, plant, source, metadata}),
 * so validation and the Idempotency-Key fingerprint treat both alike (the fingerprint covers the
 * extracted text). A guard rather than middleware or an interceptor on purpose: guards run after
 * authentication, so anonymous callers cannot make us parse uploads, and before the idempotency
 * interceptor, which needs the body.
 */
@Injectable()
export class DocumentUploadGuard implements CanActivate {
  private readonly upload: ReturnType<multer.Multer['single']>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pdf: PdfTextService,
  ) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.extraction.uploadLimitBytes, files: 1, fields: 8, fieldSize: 64 * 1024, parts: 10, headerPairs: 100 },
    }).single('file');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithUpload>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
      const text = (req.body as { text?: unknown } | undefined)?.text;
      req.documentUpload = { mediaType: 'application/json', byteSize: typeof text === 'string' ? Buffer.byteLength(text) : 0 };
      return true;
    }
    const limit = this.config.extraction.uploadLimitBytes;
    await new Promise<void>((resolve, reject) => this.upload(req, res, (error?: unknown) => (error ? reject(multerProblem(error, limit)) : resolve())));

    const fields = (req.body ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((k) => !FORM_FIELDS.has(k));
    if (unknown.length > 0) {
      throw new DomainError(ErrorCode.ValidationFailed, `Unknown form fields: ${unknown.join(', ')}.`, {
        errors: unknown.map((field) => ({ field, reason: 'property should not exist' })),
      });
    }
    const body: Record<string, unknown> = { ...fields };
    if (typeof fields.metadata === 'string') {
      try {
        body.metadata = JSON.parse(fields.metadata) as unknown;
      } catch {
        throw new DomainError(ErrorCode.ValidationFailed, 'metadata: must be a JSON object', { errors: [{ field: 'metadata', reason: 'must be a JSON object' }] });
      }
    }
    const file = req.file;
    if (file === undefined) {
      if (typeof fields.text !== 'string') {
        throw new DomainError(ErrorCode.ValidationFailed, 'file: upload the document as form field "file" (a .txt or .pdf)', {
          errors: [{ field: 'file', reason: 'is required' }],
        });
      }
      req.documentUpload = { mediaType: 'text/plain', byteSize: Buffer.byteLength(fields.text) };
    } else {
      if (fields.text !== undefined) throw new DomainError(ErrorCode.ValidationFailed, 'Send either a file or a text field, not both.');
      const { text, mediaType } = await textOfUpload(
        { bytes: file.buffer, declaredType: file.mimetype, fileName: file.originalname },
        { maxTextChars: this.config.extraction.maxTextChars, maxInflatedBytes: MAX_INFLATED_BYTES, maxPages: MAX_PDF_PAGES },
        (bytes, limits) => this.pdf.text(bytes, limits),
      );
      body.text = text;
      req.documentUpload = { mediaType, fileName: file.originalname.slice(0, 255), byteSize: file.size };
    }
    req.body = body;
    return true;
  }
}
