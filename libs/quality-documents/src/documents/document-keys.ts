import { fieldsOf, normalizeCompactId, normalizeIdentifier, normalizeLossType, type DocumentKind, type ExtractedField, type FieldName } from '@mw/extraction';

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

/**
 * The same search form in SQL, for identifiers the ERP stored (order numbers, material codes, lots):
 * upper case, no spaces or hyphens. Expression indexes (migration 1764979200000) are built on this
 * exact expression, so queries must use it as written here.
 */
export const sqlSearchForm = (column: string): string => `upper(regexp_replace(${column}, '[[:space:]-]', '', 'g'))`;

/** A revision written after a part number: `rev B`, `Rev. C`, `revision 02`, `ver 3`, `B版`. */
const REVISION_SUFFIX = /(?:\s*,)?\s+(?:REV(?:ISION)?|VER(?:SION)?)\.?\s*[A-Z0-9]{1,3}$|\s*[A-Z0-9]{1,2}\s*版$/;

/**
 * The search forms one identifier is found under: its own and, for a part number written with its
 * revision, the part without it. Inspectors write `HX-2210 rev B`; the ERP's material is `HX-2210`.
 */
export function searchForms(name: string, value: string): string[] {
  const forms = new Set([searchForm(value)]);
  if (name === 'part_number') forms.add(searchForm(normalizeIdentifier(value).replace(REVISION_SUFFIX, '')));
  forms.delete('');
  return [...forms];
}

/**
 * The key a claim is found by its loss category under (`lossCategory=fire`): not an identifier, the
 * category as the taxonomy writes it. Only the listing reads it; linking and duplicates read
 * identifier keys by name.
 */
export const LOSS_CATEGORY_KEY = 'loss_category';

/** The identifiers a document's current fields name, each once, in search form, and the categories of its losses. */
export function documentKeys(fields: readonly ExtractedField[]): { name: string; value: string }[] {
  const names = new Set<string>(Object.values(KEY_PARAMS));
  const seen = new Map<string, { name: string; value: string }>();
  for (const f of fields) {
    if (f.name === 'loss_type') {
      // Fields stored before categories existed have none: the description says which.
      const category = f.category ?? normalizeLossType(f.text);
      seen.set(`${LOSS_CATEGORY_KEY}\u0000${category}`, { name: LOSS_CATEGORY_KEY, value: category });
      continue;
    }
    if (!names.has(f.name) || typeof f.value !== 'string') continue;
    for (const value of searchForms(f.name, f.value)) seen.set(`${f.name}\u0000${value}`, { name: f.name, value });
  }
  return [...seen.values()];
}
