import { DomainError, ErrorCode } from '@mw/http';

/**
 * Opaque page cursor: the last id seen plus a short hash of the filters, so a cursor cannot be
 * replayed against a different query. Base64url JSON, not signed: it grants nothing by itself,
 * plant scoping is applied on every page.
 */
function filterTag(filterKey: string): string {
  let h = 2166136261;
  for (let i = 0; i < filterKey.length; i++) h = Math.imul(h ^ filterKey.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export function encodeCursor(lastId: string, filterKey: string): string {
  return Buffer.from(JSON.stringify({ a: lastId, f: filterTag(filterKey) })).toString('base64url');
}

export function decodeCursor(cursor: string, filterKey: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: unknown; f?: unknown };
    if (typeof parsed.a === 'string' && /^[0-9a-f-]{36}$/.test(parsed.a) && parsed.f === filterTag(filterKey)) return parsed.a;
  } catch {
    // fall through to the error below
  }
  throw new DomainError(ErrorCode.ValidationFailed, 'cursor is not valid for this query; start again without it.', {
    errors: [{ field: 'cursor', reason: 'not a cursor issued for these filters' }],
  });
}
