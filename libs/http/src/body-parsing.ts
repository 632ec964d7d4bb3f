import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, ErrorCode } from './problem';

const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/*+json'];
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON body parsing with the hygiene rules: a byte limit (413), strict UTF-8 (400), no
 * prototype-pollution keys (400). Deep nesting cannot blow the stack here: JSON.parse reports it as
 * a parse error, and validation bounds free-form objects afterwards.
 */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  return express.json({
    limit: limitBytes,
    strict: true,
    type: JSON_TYPES,
    verify: (_req, _res, buf) => {
      try {
        utf8.decode(buf);
      } catch {
        const e = new Error('The request body is not valid UTF-8.') as Error & { type: string; status: number };
        e.type = 'entity.verify.failed';
        e.status = 400;
        throw e;
      }
    },
    reviver: (key: string, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`property "${key}" is not allowed`);
      // PostgreSQL text and jsonb cannot hold U+0000; refuse it here rather than fail at the database.
      if (typeof value === 'string' && value.includes('\u0000')) throw new SyntaxError('NUL characters are not allowed in strings');
      if (key.includes('\u0000')) throw new SyntaxError('NUL characters are not allowed in property names');
      return value;
    },
  });
}

function hasBody(req: Request): boolean {
  const length = req.header('content-length');
  return req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/**
 * Requests with a body must say it is JSON (or multipart where a route accepts uploads); anything
 * else is 415 before it reaches a handler.
 */
export function contentTypeGuard(multipartPaths: RegExp[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody(req)) return next();
    if (req.path.startsWith('/oauth/')) return next();
    const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const isJson = type === 'application/json' || type === 'application/merge-patch+json' || /^application\/[\w.-]+\+json$/.test(type);
    if (isJson) return next();
    if (type === 'multipart/form-data' && multipartPaths.some((p) => p.test(req.path))) return next();
    next(
      new DomainError(
        ErrorCode.UnsupportedMediaType,
        type === '' ? 'A request body needs a Content-Type header (application/json).' : `Content-Type "${type}" is not accepted here; send application/json.`,
      ),
    );
  };
}
