import { toHalfWidth } from './text';

/**
 * Parses a number as documents write it: `1,248.60`, `2.180,40` (decimal comma), `185 000`,
 * `3 450,00`, `1'250.5`, `-0.10`, `+0.015`. Returns null when the text is not one number.
 *
 * A single separator followed by exactly three digits (`1,150`, `12.500`) is read as thousands for a
 * comma and as a decimal point for a dot: commas-as-thousands is the common case in both English and
 * Chinese documents, while a lone `12.500` is far more often a measurement than twelve thousand.
 */
export function parseNumber(raw: string): number | null {
  let s = toHalfWidth(raw).trim().replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[−–]/g, '-');
  let sign = 1;
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1).trim();
  }
  if (!/^\d[\d.,' ]*$/.test(s) || /[.,' ]$/.test(s)) return null;
  s = s.replace(/'/g, '');
  // Spaces only ever group thousands.
  if (s.includes(' ')) {
    if (!/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) return null;
    s = s.replace(/ /g, '');
  }
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [intPart, frac, ...rest] = s.split(decimal);
    if (rest.length > 0 || frac === undefined || frac.includes(group)) return null;
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(intPart ?? '')) return null;
    normalized = `${(intPart ?? '').split(group).join('')}.${frac}`;
  } else if (lastComma >= 0) {
    if (/^\d{1,3}(,\d{3})+$/.test(s)) normalized = s.replace(/,/g, '');
    else if (/^\d+,\d{1,2}$/.test(s) || /^\d+,\d{4,}$/.test(s)) normalized = s.replace(',', '.');
    else return null;
  } else if (lastDot >= 0) {
    if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) normalized = s.replace(/\./g, '');
    else if (/^\d+\.\d+$/.test(s)) normalized = s;
    else return null;
  } else {
    normalized = s;
  }
  const n = Number(normalized);
  return Number.isFinite(n) ? sign * n : null;
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Chinese numerals up to the hundred-millions, including the financial forms (壹拾贰万 = 120000). */
export function parseChineseNumeral(raw: string): number | null {
  const s = raw.trim();
  if (s === '' || !/^[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億]+$/.test(s)) return null;
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawDigit = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch] ?? 0;
      sawDigit = true;
    } else if (ch in CN_UNITS) {
      // 十 alone means 10 (十二 = 12).
      section += (sawDigit ? digit : 1) * (CN_UNITS[ch] ?? 1);
      digit = 0;
      sawDigit = false;
    } else {
      const big = CN_BIG[ch] ?? 1;
      // 万 scales only its own section (一亿二千万 = 1.2e8); 亿 scales everything before it.
      total = big >= 1e8 ? (total + section + digit) * big : total + (section + digit) * big;
      section = 0;
      digit = 0;
      sawDigit = false;
    }
  }
  return total + section + digit;
}

/** Arabic (any width, with separators) or Chinese numerals. */
export function parseAnyNumber(raw: string): number | null {
  return parseNumber(raw) ?? parseChineseNumeral(raw);
}

/** Rounds away binary noise (24.950000000000003) to the precision the inputs were written with. */
export function roundTo(n: number, decimals: number): number {
  const f = 10 ** Math.min(Math.max(decimals, 0), 12);
  return Math.round(n * f) / f;
}

export function decimalsOf(numeral: string): number {
  const m = /[.,](\d+)$/.exec(toHalfWidth(numeral).trim());
  return m ? (m[1] ?? '').length : 0;
}
