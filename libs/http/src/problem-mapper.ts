import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { isUnavailable } from '@mw/database';
import {
  DomainError,
  ErrorCode,
  PROBLEM_BASE,
  PROBLEM_CONTENT_TYPE,
  ProblemBody,
  RenderedResponse,
  statusOf,
  titleOf,
} from './problem';

/** A response rendered earlier (idempotent replay); the filter writes its bytes untouched. */
export class StoredResponse extends Error {
  constructor(
    readonly response: RenderedResponse,
    readonly replayed: boolean,
  ) {
    super('stored response');
  }
}

export interface ProblemContext {
  path: string;
  requestId?: string;
  /** Called for unexpected errors so the log carries the error id the client sees. */
  onInternal?: (errorId: string, error: unknown) => void;
}

function render(status: number, body: ProblemBody, headers: Record<string, string> = {}): RenderedResponse {
  return {
    status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function base(code: ErrorCode, ctx: ProblemContext, detail?: string): ProblemBody {
  return {
    type: PROBLEM_BASE + code,
    title: titleOf(code),
    status: statusOf(code),
    ...(detail !== undefined ? { detail } : {}),
    instance: ctx.path,
    ...(ctx.requestId !== undefined ? { requestId: ctx.requestId } : {}),
  };
}

/** Errors raised by Express' body parser before our code runs. */
function bodyParserProblem(error: { type?: unknown; status?: unknown; message?: unknown }, ctx: ProblemContext): RenderedResponse | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return render(413, base(ErrorCode.PayloadTooLarge, ctx, 'The request body exceeds the size limit.'));
    case 'entity.parse.failed':
      return render(400, base(ErrorCode.MalformedJson, ctx, 'The request body is not valid JSON.'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return render(415, base(ErrorCode.UnsupportedMediaType, ctx, 'Only UTF-8 encoded JSON is accepted.'));
    case 'entity.verify.failed':
      return render(400, base(ErrorCode.InvalidEncoding, ctx, String(error.message ?? 'The request body is not valid UTF-8.')));
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return render(400, base(ErrorCode.BadRequest, ctx, 'The request body could not be read.'));
    default:
      // Anything else body-parser raises as an http-errors 400 (e.g. a corrupt gzip body is zlib's
      // Z_DATA_ERROR with status 400 and no `type`): the client's bytes, not our fault.
      if (error.status === 400 && (error as { expose?: unknown }).expose === true) {
        return render(400, base(ErrorCode.BadRequest, ctx, 'The request body could not be read.'));
      }
      return undefined;
  }
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  412: ErrorCode.PreconditionFailed,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  428: ErrorCode.PreconditionRequired,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
};

/** The one mapping from any thrown value to an RFC 9457 response. Nothing internal leaks. */
export function problemFor(error: unknown, ctx: ProblemContext): RenderedResponse {
  if (error instanceof StoredResponse) return error.response;
  if (error instanceof DomainError) {
    const { headers, ...extra } = error.extra;
    return render(error.status, { ...base(error.code, ctx, error.detail), ...extra }, headers ?? {});
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
    const response = error.getResponse();
    const r = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    const headers: Record<string, string> = {};
    const www = (error as { wwwAuthenticate?: unknown }).wwwAuthenticate;
    if (typeof www === 'string') headers['www-authenticate'] = www;
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    let detail = typeof r.detail === 'string' ? r.detail : typeof r.message === 'string' ? r.message : undefined;
    if (status === 404 && detail?.startsWith('Cannot ')) detail = 'No resource at this path.';
    const body = base(code, ctx, detail);
    if (typeof r.code === 'string') body.type = PROBLEM_BASE + r.code;
    body.status = status;
    return render(status, body, headers);
  }
  if (typeof error === 'object' && error !== null) {
    const parsed = bodyParserProblem(error as { type?: unknown }, ctx);
    if (parsed) return parsed;
  }
  // Input the database cannot represent (NUL bytes, malformed text casts) is the caller's error.
  if (typeof error === 'object' && error !== null && ['22P05', '22021', '22P02', '22003', '54000'].includes(String((error as { code?: unknown }).code))) {
    return render(400, base(ErrorCode.BadRequest, ctx, 'A value in the request cannot be stored (invalid characters or out of range).'));
  }
  if (isUnavailable(error)) {
    return render(503, base(ErrorCode.Unavailable, ctx, 'A backing service is unavailable; retry with the same Idempotency-Key.'), {
      'retry-after': '1',
    });
  }
  const errorId = randomUUID();
  ctx.onInternal?.(errorId, error);
  return render(500, { ...base(ErrorCode.Internal, ctx, `Unexpected error; quote error id ${errorId} to support.`), errorId });
}
