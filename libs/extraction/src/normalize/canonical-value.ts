/**
 * A normalised value as canonical JSON (object keys sorted at every depth, undefined members dropped
 * as JSON.stringify drops them): two values are the same when their canonical forms are, however
 * they were built, in memory or read back from jsonb with its keys reordered.
 */
export function canonicalValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalValue).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalValue(v)}`).join(',')}}`;
}
