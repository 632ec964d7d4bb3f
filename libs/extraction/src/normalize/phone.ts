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
// A written area code: 010 and 020–029 have three digits, every other area code 03xx–09xx has four.
const CN_AREA = /^0(?:10|2\d|[3-9]\d{2})$/;
// How a Chinese local number is written after its area code: one block (6458 1234 also as 64581234),
// 4+4 for eight digits, 3+4 for seven. Pairs (555 27 60) and other groupings are European habits.
const CN_LOCAL_GROUPING = new Set(['7', '8', '4+4', '3+4']);

/**
 * Whether a 0-prefixed national number is a Chinese landline. The digits alone rarely settle it (an
 * 11-digit 0941 5552760 is as likely German as Chinese), so the number must either be written with a
 * Chinese area code and a Chinese grouping of the local number (021-6458 1234, 0512-65307721,
 * （0755）86632210, 0755 8888 1234), or run to 12 digits unseparated (075586632210), which only a
 * 4-digit area code with an 8-digit local number gives. Local numbers never start with 0 or 1.
 */
function isChineseLandline(written: string, digits: string): boolean {
  // CN_LANDLINE holds the lengths: 010/02x + 8 digits, 0xxx + 7 or 8.
  if (!CN_LANDLINE.test(digits)) return false;
  const groups = written.split(/[\s\-().·/（）]+/).filter((g) => g !== '');
  if (groups.length === 1) return digits.length === 12 && /^[2-9]/.test(digits.slice(4));
  const [area = '', ...local] = groups;
  if (!CN_AREA.test(area) || !/^[2-9]/.test(local[0] ?? '')) return false;
  return CN_LOCAL_GROUPING.has(local.map((g) => g.length).join('+'));
}

// Numbers taken down from a call are sometimes written digit by digit in Chinese (一三八…, 幺 for 1 as
// it is read out on the phone); a phone number is a digit string, never a counted quantity.
const CN_PHONE_DIGITS: Record<string, string> = {
  零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};
const spokenDigits = (s: string): string => s.replace(/[零〇一幺二两三四五六七八九]/g, (c) => CN_PHONE_DIGITS[c] ?? c);

/**
 * Reads a phone number as written: `138 1234 5678`, `+86 138-1234-5678`, `0086 13812345678`,
 * `021-6458 1234`, `（0755）86632210`, `400-820-8820`, `+44 20 7946 0958`, `(614) 555-0199`,
 * `一三八 一二三四 五六七八`.
 * Chinese numbers become E.164; other numbers with a `+` or `00` prefix stay international; anything
 * else, including a 0-prefixed number not written like a Chinese landline (`0941 555 27 60`,
 * `090-5512-7734`), is kept as national digits, since the dialling country cannot be told from it.
 */
export function normalizePhone(raw: string): PhoneNumber {
  const s = spokenDigits(toHalfWidth(raw)).trim().replace(/^(?:tel|phone|mobile|mob|手机|电话)\s*[:：.]?\s*/i, '');
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
  // 0941 555 27 60 (German), 090-5512-7734 (Japanese mobile), 07700 900417 (British) stay national.
  if (isChineseLandline(ext, digits)) return { value: `+86${digits.slice(1)}`, kind: 'cn_landline' };
  if (/^\d{7,12}$/.test(digits)) return { value: digits, kind: 'national' };
  return { value: digits, kind: 'invalid' };
}
