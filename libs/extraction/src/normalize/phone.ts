import { toHalfWidth } from './text';

export type PhoneKind = 'cn_mobile' | 'cn_landline' | 'cn_service' | 'international' | 'national' | 'invalid';

export interface PhoneNumber {
  /** E.164 (+8613812345678) when the country is known; otherwise the digits as dialled nationally. */
  value: string;
  kind: PhoneKind;
}

const CN_MOBILE = /^1[3-9]\d{9}$/;
// Beijing, Shanghai, Tianjin, Chongqing and the 02x cities have 2-digit area codes; the rest have 3.
const CN_LANDLINE = /^0(?:(?:10|2\d)\d{8}|[3-9]\d{2}\d{7,8})$/;
const CN_SERVICE = /^[48]00\d{7}$/;

/**
 * Reads a phone number as written: `138 1234 5678`, `+86 138-1234-5678`, `0086 13812345678`,
 * `021-6458 1234`, `（0755）86632210`, `400-820-8820`, `+44 20 7946 0958`, `(614) 555-0199`.
 * Chinese numbers become E.164; other numbers with a `+` or `00` prefix stay international; anything
 * else is kept as national digits, since the dialling country cannot be told from the number.
 */
export function normalizePhone(raw: string): PhoneNumber {
  const s = toHalfWidth(raw).trim().replace(/^(?:tel|phone|mobile|mob|手机|电话)\s*[:：.]?\s*/i, '');
  const ext = s.replace(/\s*(?:ext\.?|x|转)\s*\d+$/i, '');
  let digits = ext.replace(/[\s\-().·/]/g, '');
  if (!/^\+?\d+$/.test(digits)) return { value: digits, kind: 'invalid' };
  let international = false;
  if (digits.startsWith('+')) {
    international = true;
    digits = digits.slice(1);
  } else if (digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (international && digits.startsWith('86')) {
    const national = digits.slice(2).replace(/^0/, '');
    if (CN_MOBILE.test(national)) return { value: `+86${national}`, kind: 'cn_mobile' };
    if (CN_LANDLINE.test(`0${national}`)) return { value: `+86${national}`, kind: 'cn_landline' };
    return { value: `+${digits}`, kind: 'invalid' };
  }
  if (international) {
    // E.164: country code first digit 1-9, at most 15 digits, and no real number is shorter than 8.
    return /^[1-9]\d{7,14}$/.test(digits) ? { value: `+${digits}`, kind: 'international' } : { value: `+${digits}`, kind: 'invalid' };
  }
  if (/^86(1[3-9]\d{9})$/.test(digits)) return { value: `+${digits}`, kind: 'cn_mobile' };
  if (CN_MOBILE.test(digits)) return { value: `+86${digits}`, kind: 'cn_mobile' };
  if (CN_SERVICE.test(digits)) return { value: digits, kind: 'cn_service' };
  // A 0-prefixed 11-digit number is as likely British as Chinese; a separated area code or 12 digits settles it.
  const areaSeparated = /^0\d{2,3}[-\s)）]/.test(ext.replace(/^[(（]/, ''));
  if (CN_LANDLINE.test(digits) && (areaSeparated || digits.length === 12)) {
    return { value: `+86${digits.slice(1)}`, kind: 'cn_landline' };
  }
  if (/^\d{7,12}$/.test(digits)) return { value: digits, kind: 'national' };
  return { value: digits, kind: 'invalid' };
}
