import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { type DataClass, placeholderFor } from './data-classes';

/**
 * Anonymisation operators, after Microsoft Presidio's anonymizer (replace, mask, redact, hash,
 * encrypt) plus `show` and `deny`. `detect` is only meaningful for free text and is resolved by the
 * Masker, which runs the detector and applies each entity's own class rule.
 */
export const OPERATORS = ['show', 'replace', 'mask', 'redact', 'hash', 'encrypt', 'deny', 'detect'] as const;
export type OperatorName = (typeof OPERATORS)[number];

export type OperatorSpec =
  | { op: 'show' }
  | { op: 'replace'; value?: string }
  | { op: 'mask'; keepLast: number; maskChar?: string }
  | { op: 'redact' }
  | { op: 'hash' }
  | { op: 'encrypt' }
  | { op: 'deny' }
  | { op: 'detect' };

export type ValueOperatorSpec = Exclude<OperatorSpec, { op: 'detect' }>;

export interface PrivacyKeys {
  /** HMAC-SHA256 key for `hash`; at least 32 bytes. */
  hmacKey: Buffer;
  /** AES-256-GCM key for `encrypt`; exactly 32 bytes. */
  encryptionKey: Buffer;
}

export type OperatorResult = { kind: 'value'; value: string } | { kind: 'denied' };

export const HASH_PREFIX = 'hmac:';
export const ENCRYPTION_PREFIX = 'enc:v1:';
/** 128 bits of the HMAC: collision-safe for joins, short enough for payloads and logs. */
const HASH_HEX_CHARS = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function applyOperator(
  spec: ValueOperatorSpec,
  dataClass: DataClass,
  value: string,
  keys: PrivacyKeys,
): OperatorResult {
  switch (spec.op) {
    case 'show':
      return { kind: 'value', value };
    case 'replace':
      return { kind: 'value', value: spec.value ?? placeholderFor(dataClass) };
    case 'mask':
      return { kind: 'value', value: maskKeepLast(value, spec.keepLast, spec.maskChar ?? '*') };
    case 'redact':
      return { kind: 'value', value: '' };
    case 'hash':
      return { kind: 'value', value: keyedHash(dataClass, value, keys.hmacKey) };
    case 'encrypt':
      return { kind: 'value', value: encryptValue(value, keys.encryptionKey) };
    case 'deny':
      return { kind: 'denied' };
  }
}

/** Masks every code point except the last `keepLast`; code points, so a Chinese name is not split mid-surrogate. */
export function maskKeepLast(value: string, keepLast: number, maskChar = '*'): string {
  const chars = Array.from(value);
  const keep = Math.max(0, Math.min(keepLast, chars.length));
  return maskChar.repeat(chars.length - keep) + chars.slice(chars.length - keep).join('');
}

/**
 * HMAC-SHA256 over a per-class canonical form, so `138-1234-5678` and `+86 13812345678` hash alike
 * and joins across systems keep working. The class is part of the input: the same digits as a phone
 * and as an account never collide.
 */
export function keyedHash(dataClass: DataClass, value: string, hmacKey: Buffer): string {
  const digest = createHmac('sha256', hmacKey)
    .update(`${dataClass}\u0000${canonicalForHash(dataClass, value)}`, 'utf8')
    .digest('hex');
  return HASH_PREFIX + digest.slice(0, HASH_HEX_CHARS);
}

export function canonicalForHash(dataClass: DataClass, value: string): string {
  const v = value.normalize('NFKC').trim();
  switch (dataClass) {
    case 'national_id':
    case 'bank_account':
      return v.replace(/[\s-]/g, '').toUpperCase();
    case 'phone': {
      let digits = v.replace(/\D/g, '');
      if (digits.startsWith('0086')) digits = digits.slice(2);
      if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
      return digits;
    }
    case 'email':
      return v.toLowerCase();
    case 'person_name':
    case 'address':
    case 'free_text':
      return v.replace(/\s+/g, ' ').toLowerCase();
  }
}

/** AES-256-GCM with a fresh random IV per call: equal inputs give different tokens, by design. */
export function encryptValue(plaintext: string, encryptionKey: Buffer): string {
  assertEncryptionKey(encryptionKey);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ENCRYPTION_PREFIX + Buffer.concat([iv, ciphertext, tag]).toString('base64url');
}

/** Inverse of `encryptValue` for key holders; throws on a wrong key or a tampered token. */
export function decryptValue(token: string, encryptionKey: Buffer): string {
  assertEncryptionKey(encryptionKey);
  if (!token.startsWith(ENCRYPTION_PREFIX)) throw new Error(`not an ${ENCRYPTION_PREFIX} token`);
  const raw = Buffer.from(token.slice(ENCRYPTION_PREFIX.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted token too short');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const ciphertext = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

function assertEncryptionKey(key: Buffer): void {
  if (key.length !== 32) throw new Error(`AES-256-GCM needs a 32-byte key, got ${key.length} bytes`);
}

/** Human-readable operator for masking reports: `mask(keepLast=4)`, `hash`. */
export function describeOperator(spec: OperatorSpec): string {
  switch (spec.op) {
    case 'mask':
      return spec.maskChar && spec.maskChar !== '*'
        ? `mask(keepLast=${spec.keepLast}, maskChar=${spec.maskChar})`
        : `mask(keepLast=${spec.keepLast})`;
    case 'replace':
      return spec.value !== undefined ? `replace(${JSON.stringify(spec.value)})` : 'replace';
    case 'show':
    case 'redact':
    case 'hash':
    case 'encrypt':
    case 'deny':
    case 'detect':
      return spec.op;
  }
}
