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
const CN_DIGIT_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖';
const CN_NUMERAL_CHARS = `${CN_DIGIT_CHARS}十拾百佰千仟万萬亿億`;
const CHINESE_NUMERAL = new RegExp(`^[${CN_NUMERAL_CHARS}]+$`);
// Arabic digits with Chinese units (1万2, 3千5, 2千5百); at least one unit, else it is parseNumber's job.
const MIXED_NUMERAL = new RegExp(`^(?=.*[十拾百佰千仟万萬亿億])(?:\\d+(?:\\.\\d+)?|[${CN_NUMERAL_CHARS}])+$`);

type Token = { kind: 'digit'; value: number; single: boolean } | { kind: 'unit' | 'big'; value: number };

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  for (const m of s.matchAll(/\d+(?:\.\d+)?|./gu)) {
    const t = m[0];
    if (/^\d/.test(t)) tokens.push({ kind: 'digit', value: Number(t), single: /^\d$/.test(t) });
    else if (t in CN_DIGITS) tokens.push({ kind: 'digit', value: CN_DIGITS[t] ?? 0, single: true });
    else if (t in CN_UNITS) tokens.push({ kind: 'unit', value: CN_UNITS[t] ?? 1 });
    else tokens.push({ kind: 'big', value: CN_BIG[t] ?? 1 });
  }
  return tokens;
}

/*
 * Reads digit and unit tokens. A digit may only follow a unit, 零 or nothing: two digits in a row are
 * not one number (三四十 is a range, 二〇二六 a year read digit by digit). A single last digit right after
 * 百/千/万/亿 counts in the next lower unit, as Chinese is spoken: 一万二 = 12000, 三千五 = 3500,
 * 两百五 = 250, 一亿二 = 1.2亿; a 零 in between keeps it a digit (一万零二 = 10002, 一百零五 = 105).
 */
function evaluate(tokens: Token[]): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawDigit = false;
  let prev: Token | undefined;
  for (const [i, tok] of tokens.entries()) {
    if (tok.kind === 'digit') {
      if (prev?.kind === 'digit' && prev.value !== 0) return null;
      const last = i === tokens.length - 1;
      const abbreviated = last && tok.single && (prev?.kind === 'unit' || prev?.kind === 'big') && prev.value >= 100;
      digit = abbreviated && prev ? (tok.value * prev.value) / 10 : tok.value;
      sawDigit = true;
    } else if (tok.kind === 'unit') {
      // 十 alone means 10 (十二 = 12).
      section += (sawDigit ? digit : 1) * tok.value;
      digit = 0;
      sawDigit = false;
    } else {
      // 万 or 亿 with nothing to scale (万, 万元 as a caption) is no number; 三万亿 scales the 三万 before it.
      if (!sawDigit && section === 0 && (tok.value < 1e8 || total === 0)) return null;
      // 万 scales only its own section (一亿二千万 = 1.2e8); 亿 scales everything before it.
      total = tok.value >= 1e8 ? (total + section + digit) * tok.value : total + (section + digit) * tok.value;
      section = 0;
      digit = 0;
      sawDigit = false;
    }
    prev = tok;
  }
  // 1.2万 and friends: drop the binary noise of the decimal product.
  return roundTo(total + section + digit, 6);
}

/**
 * Chinese numerals up to the hundred-millions, including the financial forms (壹拾贰万 = 120000) and the
 * spoken abbreviation of the last unit (一万二 = 12000, 三千五 = 3500). Two digits in a row (三四十,
 * 二〇二六) are not one number and give null; see parseChineseRange for the first.
 */
export function parseChineseNumeral(raw: string): number | null {
  const s = raw.trim();
  if (!CHINESE_NUMERAL.test(s)) return null;
  return evaluate(tokenize(s));
}

/** Arabic (any width, with separators), Chinese numerals, or Arabic digits with Chinese units (1万2 = 12000, 3千5 = 3500). */
export function parseAnyNumber(raw: string): number | null {
  const n = parseNumber(raw) ?? parseChineseNumeral(raw);
  if (n !== null) return n;
  const s = toHalfWidth(raw).trim();
  return MIXED_NUMERAL.test(s) ? evaluate(tokenize(s)) : null;
}

/**
 * A Chinese range of two adjacent rising digits → [lower, upper]: 三四十 = 30–40, 两三千 = 2000–3000,
 * 十四五 = 14–15, 三五 = 3–5, 一万三四 = 13000–14000. Null when the text is not such a range.
 */
export function parseChineseRange(raw: string): [number, number] | null {
  const s = raw.trim();
  if (!CHINESE_NUMERAL.test(s)) return null;
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = CN_DIGITS[chars[i] ?? ''];
    const b = CN_DIGITS[chars[i + 1] ?? ''];
    if (a === undefined || b === undefined) continue;
    if (a === 0 || b <= a) return null;
    const lower = parseChineseNumeral([...chars.slice(0, i + 1), ...chars.slice(i + 2)].join(''));
    const upper = parseChineseNumeral([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
    return lower !== null && upper !== null ? [lower, upper] : null;
  }
  return null;
}

/*
 * 多 / 余 / 来 right after a number say "and a bit" or "about" (三万多 = 30000-odd, 3万余元, 二十来个,
 * 一千多万 = 10 million-odd). Never before a digit, so a figure is not cut in two.
 */
const ROUGH_MARKER = new RegExp(`(?<=[\\d${CN_NUMERAL_CHARS}])(?:多|余|餘|来|來)(?![\\d${CN_DIGIT_CHARS}])`, 'g');

/** Drops the approximation words 多 / 余 / 来 after a number, leaving its floor (三万多 → 三万, 二十来个 → 二十个). */
export function dropRoughMarkers(raw: string): string {
  return raw.replace(ROUGH_MARKER, '');
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
