import { isValidChineseResidentId, isValidVin, vinCheckDigit } from '@mw/identifiers';
import { isFutureDate } from '../normalize/dates';
import type { MonetaryAmount } from '../normalize/amounts';
import type { Measurement } from '../normalize/measurement';
import type { PhoneNumber } from '../normalize/phone';
import type { Quantity } from '../normalize/units';
import { normalizeCompactId } from '../normalize/text';

/** Stable codes for what a validator objected to; they surface in ExtractedField.issues. */
export type ValidationIssue =
  | 'national_id_format'
  | 'national_id_checksum'
  | 'national_id_birth_date_in_future'
  | 'vin_format'
  | 'vin_check_digit'
  | 'phone_format'
  | 'date_unparsed'
  | 'date_in_future'
  | 'date_implausibly_old'
  | 'amount_unparsed'
  | 'amount_no_currency'
  | 'amount_not_positive'
  | 'email_format'
  | 'quantity_unparsed'
  | 'quantity_exceeds_sample_size'
  | 'measurement_unparsed'
  | 'defect_type_unlisted'
  | 'severity_unrecognised'
  | 'disposition_unrecognised'
  | 'empty_value';

/**
 * A validator's verdict. `confidenceFactor` multiplies the model's confidence: 1 leaves it, values
 * below 1 push the field towards review, and `ok: false` means the value is wrong as extracted (the
 * field is still returned, flagged, so a person can correct it rather than lose it).
 */
export interface ValidationResult {
  ok: boolean;
  confidenceFactor: number;
  issue?: ValidationIssue;
}

export const VALID: ValidationResult = Object.freeze({ ok: true, confidenceFactor: 1 });

function reject(issue: ValidationIssue, confidenceFactor: number): ValidationResult {
  return { ok: false, confidenceFactor, issue };
}

function doubt(issue: ValidationIssue, confidenceFactor: number): ValidationResult {
  return { ok: true, confidenceFactor, issue };
}

/** GB 11643-1999 resident identity number: 18 characters, MOD 11-2 check character, a real birth date not after `now`. */
export function validateNationalId(raw: string, now?: Date): ValidationResult {
  const id = normalizeCompactId(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return reject('national_id_format', 0.3);
  if (!isValidChineseResidentId(id)) return reject('national_id_checksum', 0.4);
  if (now && `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` > now.toISOString().slice(0, 10)) {
    return reject('national_id_birth_date_in_future', 0.4);
  }
  return VALID;
}

const VIN_SHAPE = /^[A-Z0-9]{17}$/;

/**
 * Serial numbers are only checked when they are shaped like a VIN (17 characters with letters and
 * digits). The check digit is mandatory in North America and China (GB 16735) but not in Europe,
 * so a mismatch lowers confidence instead of rejecting; I, O and Q never occur in a VIN.
 */
export function validateSerialOrVin(raw: string): ValidationResult {
  const s = normalizeCompactId(raw);
  if (!VIN_SHAPE.test(s) || !/[A-Z]/.test(s) || !/\d/.test(s)) return VALID;
  if (vinCheckDigit(s) === null) return doubt('vin_format', 0.7);
  return isValidVin(s) ? VALID : doubt('vin_check_digit', 0.6);
}

/** CN mobile, CN landline, 400/800 service numbers and E.164 pass; other national numbers pass with less confidence. */
export function validatePhone(phone: PhoneNumber): ValidationResult {
  switch (phone.kind) {
    case 'cn_mobile':
    case 'cn_landline':
    case 'cn_service':
    case 'international':
      return VALID;
    case 'national':
      // Well-formed but of unknown country: slightly less sure, not worth a reviewer's time by itself.
      return { ok: true, confidenceFactor: 0.9 };
    case 'invalid':
      return reject('phone_format', 0.4);
  }
}

/** A date must parse and must not lie after `now`; dates more than `maxAgeYears` back are doubted. */
export function validateDate(iso: string | null, now: Date, maxAgeYears = 30): ValidationResult {
  if (iso === null) return reject('date_unparsed', 0.4);
  if (isFutureDate(iso, now)) return reject('date_in_future', 0.5);
  const oldest = `${now.getUTCFullYear() - maxAgeYears}${now.toISOString().slice(4, 10)}`;
  if (iso < oldest) return doubt('date_implausibly_old', 0.7);
  return VALID;
}

export function validateAmount(amount: MonetaryAmount | null): ValidationResult {
  if (amount === null) return reject('amount_unparsed', 0.4);
  if (!(amount.value > 0)) return doubt('amount_not_positive', 0.7);
  if (amount.currency === null) return doubt('amount_no_currency', 0.8);
  return VALID;
}

export function validateEmail(email: string): ValidationResult {
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(email) ? VALID : reject('email_format', 0.4);
}

export function validateQuantity(q: Quantity | null): ValidationResult {
  if (q === null || !Number.isInteger(q.value)) return reject('quantity_unparsed', 0.5);
  return VALID;
}

export function validateMeasurement(m: Measurement | null): ValidationResult {
  return m === null ? reject('measurement_unparsed', 0.5) : VALID;
}

export function validateNonEmpty(value: string): ValidationResult {
  return value.trim() === '' ? reject('empty_value', 0) : VALID;
}
