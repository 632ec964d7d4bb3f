/**
 * The closed vocabularies the policy is written in. They are code, not configuration, so a typo in
 * the policy file (`quality_enginer`) fails validation instead of silently denying everything.
 */

export const DATA_CLASSES = [
  'person_name',
  'national_id',
  'phone',
  'email',
  'address',
  'bank_account',
  'free_text',
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** Classes the detector can find inside text; `free_text` is a field class, never an entity. */
export const DETECTABLE_CLASSES = [
  'person_name',
  'national_id',
  'phone',
  'email',
  'address',
  'bank_account',
] as const satisfies readonly DataClass[];
export type DetectableClass = (typeof DETECTABLE_CLASSES)[number];

export const ROLES = ['mes', 'quality_engineer', 'claims_handler', 'dpo', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = ['production', 'quality_analysis', 'claims_processing', 'audit', 'support'] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isDataClass(value: unknown): value is DataClass {
  return typeof value === 'string' && (DATA_CLASSES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

/** `<PHONE>`, `<NATIONAL_ID>`: the placeholder Presidio's replace operator would emit. */
export function placeholderFor(dataClass: DataClass): string {
  return `<${dataClass.toUpperCase()}>`;
}
