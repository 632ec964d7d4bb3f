import { fieldsOf, normalizeCompactId, type DocumentKind, type ExtractedField, type FieldName } from '@mw/extraction';

/** The identifiers documents are looked up by, under the query parameter that names each. */
export const KEY_PARAMS = {
  orderNumber: 'order_number',
  partNumber: 'part_number',
  lotNumber: 'lot_number',
  serialNumber: 'serial_number',
  claimNumber: 'claim_number',
  policyNumber: 'policy_number',
} as const satisfies Record<string, FieldName>;

export type KeyParam = keyof typeof KEY_PARAMS;

/** The parameters a kind can be searched by: those naming one of its fields. */
export function keyParamsOf(kind: DocumentKind): KeyParam[] {
  const fields = new Set<string>(fieldsOf(kind));
  return (Object.keys(KEY_PARAMS) as KeyParam[]).filter((p) => fields.has(KEY_PARAMS[p]));
}

/**
 * Search form of an identifier: upper case, no spaces or hyphens, so `l23 118`, `L23-118` and
 * `L23118` find the same lot (ERP, MES and people write them every way).
 */
export function searchForm(value: string): string {
  return normalizeCompactId(value);
}

/** The identifiers a document's current fields name, each once, in search form. */
export function documentKeys(fields: readonly ExtractedField[]): { name: string; value: string }[] {
  const names = new Set<string>(Object.values(KEY_PARAMS));
  const seen = new Map<string, { name: string; value: string }>();
  for (const f of fields) {
    if (!names.has(f.name) || typeof f.value !== 'string') continue;
    const value = searchForm(f.value);
    if (value !== '') seen.set(`${f.name}\u0000${value}`, { name: f.name, value });
  }
  return [...seen.values()];
}
