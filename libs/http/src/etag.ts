import { DomainError, ErrorCode } from './problem';

/** A strong ETag for a version number: `"3"`. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match header names (`"3"` or `W/"3"`), or `*` (any current version). Missing is
 * 428 and anything else 412, each with the caller's words for what to do.
 */
export function versionFromIfMatch(ifMatch: string | undefined, messages: { missing: string; invalid: string }): number | '*' {
  const value = ifMatch?.trim() ?? '';
  if (value === '') throw new DomainError(ErrorCode.PreconditionRequired, messages.missing);
  if (value === '*') return '*';
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(value);
  if (!m) throw new DomainError(ErrorCode.PreconditionFailed, messages.invalid);
  return Number(m[1]);
}
