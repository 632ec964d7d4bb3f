import { parseChineseNumeral } from './numbers';
import { toHalfWidth } from './text';

export interface DateOptions {
  /**
   * Year for dates written without one (10月5日, 5 Mar, 3/5). Without it the year comes from `now`
   * (else the clock), stepping back a year when that would put the date after `now`: reports describe
   * what already happened, so 10月5日 read in March 2026 is 2025-10-05.
   */
  referenceYear?: number;
  /** Also settles ambiguous day/month readings: the one not in the future wins. */
  now?: Date;
  /**
   * How to read an all-numeric date whose day and month are both ≤ 12 (05/03/2026). English documents
   * default to day-first (the form used outside North America and by our plants); an unambiguous value
   * (02/17/2026) overrides it. Chinese documents write year/month/day and month/day.
   */
  order?: 'dmy' | 'mdy';
  lang?: 'en' | 'zh';
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const WEEKDAYS = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b\.?,?/g;
const ZH_WEEKDAY = /(?:星期|周|礼拜)[一二三四五六日天]/g;
// German, French and Spanish weekdays, full or abbreviated. Several abbreviations are also words or
// English month names (mar, do, so), so they are only dropped next to an all-numeric date.
const EU_WEEKDAY =
  '(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag' +
  '|lun|mar|mer|jeu|ven|sam|dim|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche' +
  '|mi[eé]|jue|vie|s[aá]b|dom|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)';
const NUMERIC_DATE = '\\d{1,4}\\s*[-/.]\\s*\\d{1,2}(?:\\s*[-/.]\\s*\\d{1,4})?';
const EU_WEEKDAY_BEFORE = new RegExp(`^${EU_WEEKDAY}\\.?\\s*,?\\s*(${NUMERIC_DATE})$`);
const EU_WEEKDAY_AFTER = new RegExp(`^(${NUMERIC_DATE})\\s*,?\\s*${EU_WEEKDAY}\\.?$`);

function iso(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

function today(opts: DateOptions): string {
  return (opts.now ?? new Date()).toISOString().slice(0, 10);
}

function yearless(month: number, day: number, opts: DateOptions): string | null {
  if (opts.referenceYear !== undefined) return iso(opts.referenceYear, month, day);
  const year = (opts.now ?? new Date()).getUTCFullYear();
  const d = iso(year, month, day);
  return d !== null && d > today(opts) ? (iso(year - 1, month, day) ?? d) : d;
}

function numeral(s: string | undefined): number {
  if (s === undefined || s === '') return NaN;
  return /^\d+$/.test(s) ? Number(s) : (parseChineseNumeral(s) ?? NaN);
}

/**
 * Normalises a date as written to ISO 8601 `YYYY-MM-DD`, or null when it is not a date we can read.
 * Handles 2026-03-05, 2026/3/5, 2026.03.09, 05/03/2026, 02/17/2026, 16/02/26, 14.02.2026, 20260305,
 * 5 Mar 2026, 4th March 2026, 05-Mar-26, 5-MAR-2026, 12FEB26, 05MAR2026, March 6, 2026,
 * Tuesday 3 February 2026, feb 3, Mo., 12.01.2026, Di 3.2.2026, lun. 12/01/2026, 2026年3月5日,
 * 二〇二六年四月十日, 10月5日, 2月10号, 三月五日, 26/3/5 (zh) and full-width digits.
 */
export function normalizeDate(raw: string, options: DateOptions = {}): string | null {
  let opts = options;
  let s = toHalfWidth(raw)
    .normalize('NFC')
    .toLowerCase()
    .replace(ZH_WEEKDAY, ' ')
    .replace(WEEKDAYS, ' ')
    .replace(/[()（）]/g, ' ')
    // ○ (white circle) is typed for 〇 in 二○二六年.
    .replace(/○/g, '〇')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,.]\s*|[,.]$/g, '');

  // Mo., 12.01.2026 / Di 3.2.2026 / lun. 12/01/2026: the weekday is dropped, and a date written in
  // German, French or Spanish is day-first whatever order the document was otherwise given.
  const eu = EU_WEEKDAY_BEFORE.exec(s) ?? EU_WEEKDAY_AFTER.exec(s);
  if (eu) {
    s = eu[1] as string;
    opts = { ...opts, order: 'dmy', lang: 'en' };
  }

  const cjk =
    /^(?:([\d〇零一二三四五六七八九]{2,4})\s*年)?\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*[日号號]?$/.exec(s);
  if (cjk) {
    if (cjk[1] === undefined) return yearless(numeral(cjk[2]), numeral(cjk[3]), opts);
    const y = /^\d+$/.test(cjk[1]) ? fullYear(cjk[1]) : yearFromChinese(cjk[1]);
    return iso(y, numeral(cjk[2]), numeral(cjk[3]));
  }

  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const last = m[3] as string;
    // Chinese documents abbreviate the year first (26/3/5 = 2026-03-05); elsewhere the year comes last.
    if (opts.lang === 'zh' && (m[1] as string).length === 2 && (last.length === 1 || a > 31)) {
      return iso(fullYear(m[1] as string), b, Number(last));
    }
    if (last.length !== 2 && last.length !== 4) return null;
    return dayMonth(a, b, fullYear(last), opts);
  }

  m = /^(\d{1,2})\s*[/.]\s*(\d{1,2})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (opts.lang === 'zh') return yearless(a, b, opts) ?? yearless(b, a, opts);
    return dayMonth(a, b, null, opts);
  }

  return monthName(s, opts);
}

function yearFromChinese(s: string): number {
  // 二〇二六 is read digit by digit, not as a quantity.
  const digits = [...s].map((c) => numeral(c));
  return digits.some(Number.isNaN) ? NaN : Number(digits.join(''));
}

function dayMonth(a: number, b: number, y: number | null, opts: DateOptions): string | null {
  const make = (month: number, day: number): string | null => (y === null ? yearless(month, day, opts) : iso(y, month, day));
  if (a > 12) return make(b, a);
  if (b > 12) return make(a, b);
  const preferred = opts.order === 'mdy' ? make(a, b) : make(b, a);
  const other = opts.order === 'mdy' ? make(b, a) : make(a, b);
  // 3/5/2026 read on 2026-03-06: 3 May has not happened yet, 5 March has.
  if (opts.now && preferred !== null && other !== null && preferred > today(opts) && other <= today(opts)) return other;
  return preferred;
}

function monthName(s: string, opts: DateOptions): string | null {
  // 12FEB26, 05MAR2026: split digits from a month name written against them ("4th" stays one token).
  const spaced = s
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z]+)/g, (all: string, d: string, word: string) => (MONTHS[word] === undefined ? all : `${d} ${word}`));
  const tokens = spaced.split(/[\s,\-/.]+/).filter((t) => t !== '');
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  for (const t of tokens) {
    if (/^[a-z]+$/.test(t)) {
      const name = MONTHS[t];
      if (name !== undefined && month === undefined) {
        month = name;
        continue;
      }
      if (t === 'of' || t === 'the') continue;
      return null;
    }
    const d = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(t);
    if (d && day === undefined) {
      day = Number(d[1]);
    } else if (/^\d{4}$/.test(t) && year === undefined) {
      year = Number(t);
    } else if (/^\d{2}$/.test(t) && year === undefined) {
      // The second one- or two-digit number is a short year (05-Mar-26).
      year = fullYear(t);
    } else {
      return null;
    }
  }
  if (month === undefined || day === undefined) return null;
  return year === undefined ? yearless(month, day, opts) : iso(year, month, day);
}

/** True when an ISO date lies after the day of `now` (UTC). */
export function isFutureDate(isoDate: string, now: Date): boolean {
  return isoDate > now.toISOString().slice(0, 10);
}
