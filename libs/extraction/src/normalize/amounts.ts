import { dropRoughMarkers, parseAnyNumber, parseChineseRange, parseNumber } from './numbers';
import { toHalfWidth } from './text';

export interface MonetaryAmount {
  value: number;
  /** ISO 4217 code, or null when the text names no currency and no default was given. */
  currency: string | null;
}

export interface AmountOptions {
  /** Currency for bare numbers (a Chinese claim form's "金额：3200"). */
  defaultCurrency?: string;
}

const ISO_CODES = new Set([
  'CNY', 'RMB', 'USD', 'EUR', 'GBP', 'HKD', 'JPY', 'KRW', 'TWD', 'SGD', 'AUD', 'CAD', 'CHF', 'SEK',
  'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RUB', 'INR', 'BRL', 'MXN', 'ZAR', 'TRY', 'AED', 'SAR', 'THB',
  'MYR', 'IDR', 'VND', 'PHP', 'NZD', 'RON',
]);

// Longest markers first so "HK$" is not read as "$" and "人民币" wins over "元".
// ¥ is read as CNY: our documents come from Chinese plants and insurers; JPY needs 円/JPY/日元.
const MARKERS: [string, string][] = [
  ['人民币', 'CNY'], ['美元', 'USD'], ['美金', 'USD'], ['欧元', 'EUR'], ['英镑', 'GBP'], ['港币', 'HKD'],
  ['港元', 'HKD'], ['日元', 'JPY'], ['卢布', 'RUB'], ['韩元', 'KRW'], ['台币', 'TWD'],
  ['US$', 'USD'], ['HK$', 'HKD'], ['NT$', 'TWD'], ['NZ$', 'NZD'], ['AU$', 'AUD'], ['CA$', 'CAD'],
  ['A$', 'AUD'], ['C$', 'CAD'], ['S$', 'SGD'], ['R$', 'BRL'],
  ['€', 'EUR'], ['£', 'GBP'], ['￥', 'CNY'], ['¥', 'CNY'], ['円', 'JPY'], ['₽', 'RUB'], ['₩', 'KRW'],
  ['₹', 'INR'], ['$', 'USD'], ['元', 'CNY'], ['圆', 'CNY'], ['块', 'CNY'],
];
// Letter symbols are matched as whole words so they are not found inside other words or codes (RMB).
const WORDS: [RegExp, string][] = [
  [/(?<![A-Za-z])RM(?![A-Za-z])/, 'MYR'],
  [/(?<![A-Za-z])Rs\.?(?![A-Za-z])/i, 'INR'],
  [/\b(?:yuan|renminbi)\b/i, 'CNY'],
  [/\beuros?\b/i, 'EUR'],
  [/\b(?:us\s+)?dollars?\b/i, 'USD'],
  [/\bpounds?(?:\s+sterling)?\b/i, 'GBP'],
];
const MULTIPLIERS: [RegExp, number][] = [
  [/(?:亿|億)$/, 1e8],
  [/(?:万|萬)$/, 1e4],
  [/千$/, 1e3],
  [/\s*(?:bn|billion)$/i, 1e9],
  [/\s*(?:mn|m|million)$/i, 1e6],
  [/\s*(?:k|thousand)$/i, 1e3],
];

// Indian grouping: thousands, then lakhs and crores in pairs (14,20,000 = 1,420,000; 1,00,00,000 = 10⁷).
const LAKH_GROUPED = /^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?$/;

/**
 * Reads an amount as written (`$1,248.60`, `€ 12.500,00`, `RMB 18,600`, `人民币3,412.50元`, `8.5万元`,
 * `¥18.5万`, `£86k`, `RUB 185 000`, `2,310美元`, `3500块钱`, `壹拾贰万元整`, `NZ$3,140`, `RM 486,000`,
 * `INR 14,20,000`, `₹7,85,000`, `一万二`, `1万2`, `三千五`, `两千块`) into a value and an ISO 4217 currency.
 * A rough amount reads as its floor: `三万多`, `3万余元` → 30000, a range `三四万` → 30000 (the value
 * carries no approximation flag). Returns null when no number can be read.
 */
export function normalizeAmount(raw: string, opts: AmountOptions = {}): MonetaryAmount | null {
  let s = toHalfWidth(raw).trim();
  let currency: string | null = null;

  const code = /(?<![A-Z])([A-Z]{3})(?![A-Z])/.exec(s.toUpperCase());
  if (code && ISO_CODES.has(code[1] as string)) {
    currency = code[1] === 'RMB' ? 'CNY' : (code[1] as string);
    s = s.replace(new RegExp(`(?<![A-Za-z])${code[1] as string}(?![A-Za-z])`, 'i'), ' ');
  }
  for (const [marker, iso] of MARKERS) {
    if (s.includes(marker)) {
      currency ??= iso;
      s = s.split(marker).join(' ');
    }
  }
  for (const [re, iso] of WORDS) {
    if (re.test(s)) {
      currency ??= iso;
      s = s.replace(re, ' ');
    }
  }
  s = dropRoughMarkers(s)
    .replace(/钱|整|左右|约|approx\.?|about|ca\.|~|≈/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[:：.,\s]+|[.,\s]+$/g, '');

  // Lakh grouping is read only for rupee amounts: elsewhere 1,23,456 is more likely a typo than a value.
  let n = currency === 'INR' && LAKH_GROUPED.test(s) ? Number(s.replace(/,/g, '')) : null;
  // A multiplier after Arabic figures (8.5万, £86k); 十二万, 八千 and 壹拾贰万 are read whole as Chinese numerals.
  const multiplier = n === null ? MULTIPLIERS.find(([re]) => re.test(s)) : undefined;
  if (multiplier) {
    const base = parseNumber(s.replace(multiplier[0], '').trim());
    if (base !== null) n = base * multiplier[1];
  }
  n ??= parseAnyNumber(s) ?? parseChineseRange(s)?.[0] ?? null;
  if (n === null) return null;
  return { value: Math.round(n * 100) / 100, currency: currency ?? opts.defaultCurrency ?? null };
}
