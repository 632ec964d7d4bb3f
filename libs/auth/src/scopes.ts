/** Every scope the API knows. Clients hold a subset; handlers demand some with `@RequireScopes`. */
export const ALL_SCOPES = [
  'orders:read',
  'orders:write',
  'confirmations:write',
  'admin',
  'inspections:write',
  'inspections:read',
  'claims:write',
  'claims:read',
  'extract',
  'records:read',
  'audit:read',
] as const;

export type Scope = (typeof ALL_SCOPES)[number];

const KNOWN = new Set<string>(ALL_SCOPES);

export function isScope(value: string): value is Scope {
  return KNOWN.has(value);
}

/** A plant code or '*' (every plant). */
export const PLANT_PATTERN = /^(\*|[A-Za-z0-9][A-Za-z0-9_-]{0,31})$/;

/** A role or purpose label. */
export const LABEL_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
