import { createHash } from 'node:crypto';
import { DomainError, ErrorCode } from '@mw/http';

/**
 * Parses the Idempotency-Key header. The IETF draft defines it as a structured-field string
 * (`"abc"`); many clients send a bare token. Both are accepted; the key is 1-255 printable ASCII.
 */
export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let key = raw.trim();
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) {
    key = key.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (key.length < 1 || key.length > 255 || !/^[\x20-\x7e]+$/.test(key)) {
    throw new DomainError(ErrorCode.IdempotencyKeyInvalid, 'Idempotency-Key must be 1 to 255 printable ASCII characters.');
  }
  return key;
}

/** Canonical JSON: object keys sorted at every level, so semantically equal bodies fingerprint alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`).digest('base64url');
}
