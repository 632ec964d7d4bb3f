/**
 * RFC 9457 problem details. Every error leaves the service in this shape; `DomainError` carries a
 * stable code so clients can branch on `type` rather than on prose.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = 'https://millwright.dev/problems/';

export enum ErrorCode {
  BadRequest = 'bad-request',
  ValidationFailed = 'validation-failed',
  MalformedJson = 'malformed-json',
  InvalidEncoding = 'invalid-encoding',
  UnsupportedMediaType = 'unsupported-media-type',
  PayloadTooLarge = 'payload-too-large',
  NotFound = 'not-found',
  MethodNotAllowed = 'method-not-allowed',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  DuplicateOrder = 'duplicate-order',
  InvalidTransition = 'invalid-transition',
  OverConfirmation = 'over-confirmation',
  UnknownOperation = 'unknown-operation',
  PreconditionFailed = 'precondition-failed',
  PreconditionRequired = 'precondition-required',
  IdempotencyKeyMissing = 'idempotency-key-missing',
  IdempotencyKeyInvalid = 'idempotency-key-invalid',
  IdempotencyKeyReused = 'idempotency-key-reused',
  IdempotencyKeyInProgress = 'idempotency-key-in-progress',
  RateLimited = 'rate-limited',
  Unavailable = 'service-unavailable',
  Overloaded = 'overloaded',
  UnprocessableDocument = 'unprocessable-document',
  Conflict = 'conflict',
  Internal = 'internal-error',
}

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.MalformedJson]: 400,
  [ErrorCode.InvalidEncoding]: 400,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.DuplicateOrder]: 409,
  [ErrorCode.InvalidTransition]: 409,
  [ErrorCode.OverConfirmation]: 422,
  [ErrorCode.UnknownOperation]: 422,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.PreconditionRequired]: 428,
  [ErrorCode.IdempotencyKeyMissing]: 400,
  [ErrorCode.IdempotencyKeyInvalid]: 400,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.IdempotencyKeyInProgress]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Overloaded]: 503,
  [ErrorCode.UnprocessableDocument]: 422,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Internal]: 500,
};

const TITLE: Record<ErrorCode, string> = {
  [ErrorCode.BadRequest]: 'Bad request',
  [ErrorCode.ValidationFailed]: 'Request validation failed',
  [ErrorCode.MalformedJson]: 'Malformed JSON body',
  [ErrorCode.InvalidEncoding]: 'Body is not valid UTF-8',
  [ErrorCode.UnsupportedMediaType]: 'Unsupported media type',
  [ErrorCode.PayloadTooLarge]: 'Payload too large',
  [ErrorCode.NotFound]: 'Not found',
  [ErrorCode.MethodNotAllowed]: 'Method not allowed',
  [ErrorCode.Unauthorized]: 'Unauthorized',
  [ErrorCode.Forbidden]: 'Forbidden',
  [ErrorCode.DuplicateOrder]: 'Production order already exists',
  [ErrorCode.InvalidTransition]: 'Transition not allowed from the current state',
  [ErrorCode.OverConfirmation]: 'Confirmation exceeds the allowed quantity',
  [ErrorCode.UnknownOperation]: 'Operation not part of the order',
  [ErrorCode.PreconditionFailed]: 'Precondition failed',
  [ErrorCode.PreconditionRequired]: 'Precondition required',
  [ErrorCode.IdempotencyKeyMissing]: 'Idempotency-Key header required',
  [ErrorCode.IdempotencyKeyInvalid]: 'Idempotency-Key header invalid',
  [ErrorCode.IdempotencyKeyReused]: 'Idempotency-Key reused with a different request',
  [ErrorCode.IdempotencyKeyInProgress]: 'A request with this Idempotency-Key is still being processed',
  [ErrorCode.RateLimited]: 'Too many requests',
  [ErrorCode.Unavailable]: 'Service temporarily unavailable',
  [ErrorCode.Overloaded]: 'Service overloaded',
  [ErrorCode.UnprocessableDocument]: 'Document cannot be processed',
  [ErrorCode.Conflict]: 'Conflict',
  [ErrorCode.Internal]: 'Internal server error',
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function titleOf(code: ErrorCode): string {
  return TITLE[code];
}

export interface FieldError {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

/** A fully rendered HTTP response, as stored for idempotent replay. */
export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
