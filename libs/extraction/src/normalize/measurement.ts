import { decimalsOf, parseNumber, roundTo } from './numbers';
import { cleanText } from './text';
import { unitToRec20 } from './units';

export interface Measurement {
  value: number;
  /** Rec 20 code when the unit has one (MMT, 4H, BAR, NU, P1…), the unit as written otherwise (HRC), absent when none was written. */
  unit?: string;
  lower?: number;
  upper?: number;
  /** Set when the nearby spec limit gave only a tolerance (±0.1) and no nominal to centre it on. */
  tolerance?: number;
}

export interface SpecLimit {
  lower?: number;
  upper?: number;
  nominal?: number;
  /** Symmetric tolerance written without a nominal (公差 ±0.1): bounds follow once a nominal is known. */
  tolerance?: number;
  unit?: string;
}

const NUM = String.raw`[+-]?\d+(?:[.,]\d+)?`;
// A signed deviation from the nominal (+0.015, - 0.10) and a zero deviation written without a sign (0, 0.00).
const DEVIATION = String.raw`[+-]\s*\d+(?:[.,]\d+)?`;
const UNSIGNED_ZERO = String.raw`0(?:[.,]0+)?`;
// Feature symbols and captions that may sit inside a measurement or spec span.
const PREFIX = /^(?:spec(?:ification)?|tol(?:erance)?|limit|allowable|drawing|dwg|nominal|要求|标准|规格|公差|图纸要求|允许|范围|Φ|Ø|ø|⌀|φ|dia\.?|r[az]?|od|id)\s*[:：=]?\s*/i;
// Units that may follow a number; longest first so "mm" is not read as "m" and "ml/min" not as "ml".
const UNIT_RE = String.raw`(?:(?:ml|cc|cm3|cm³)\s*/\s*min|shore[\s-]?[ad]|sh[\s-]?[ad]|µm|μm|um|mm|cm|km|kn|kω|kohms?|mω|mohms?|megohms?|ma|mv|kv|db|m|in(?:ch(?:es)?)?|ft|kg|mg|g|t|lbs?|ml|l|mbar|bar|kpa|mpa|pa|psi|n[·.*-]?m|n|hrc|hrb|hv|hb|%|°c|℃|°|deg|secs?|s|mins?|h|hrs?|v|a|w|ω|ohms?|hz|毫米|微米|丝|米|克|公斤|千克|吨|毫升|升|秒|分钟|小时|度|千牛|兆欧|千欧|毫欧|欧姆|欧|毫安|安培|毫伏|千伏|伏特|伏|分贝|毫巴)`;
// Hardness scales are also written before the number (Shore A 70, HRC 58-62).
const LEADING_SCALE = String.raw`(shore[\s-]?[ad]|sh[\s-]?[ad]|hrc|hrb|hv|hb)\s*[:=]?\s*`;

/** Units with no Rec 20 code, spelled one way: Shore hardness scales. */
const UNCODED_UNITS: [RegExp, string][] = [
  [/^sh(?:ore)?[\s-]?a$/i, 'SHORE A'],
  [/^sh(?:ore)?[\s-]?d$/i, 'SHORE D'],
];

function unitCode(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const rec20 = unitToRec20(word);
  if (rec20 !== null) return rec20;
  const w = cleanText(word);
  for (const [re, canonical] of UNCODED_UNITS) if (re.test(w)) return canonical;
  return w.toUpperCase();
}

function stripPrefixes(s: string): string {
  let prev = '';
  let out = s;
  while (out !== prev) {
    prev = out;
    out = out.replace(PREFIX, '');
  }
  return out;
}

/** A measured value as written (`25.08 mm`, `Φ12.18`, `0.012 in`, `18N·m`, `52HRC`, `15%`, `４９．８７ｍｍ`). */
export function normalizeMeasurement(raw: string): Measurement | null {
  const s = stripPrefixes(cleanText(raw).replace(/\u2126/g, 'Ω').replace(/^(?:approx\.?|about|约|~|≈)\s*/i, ''));
  const trailing = new RegExp(`^(${NUM})\\s*(${UNIT_RE})?\\.?$`, 'i').exec(s);
  // Shore A 70, HRC 52: the scale written first.
  const leading = trailing ? null : new RegExp(`^${LEADING_SCALE}(${NUM})$`, 'i').exec(s);
  const num = trailing ? trailing[1] : leading?.[2];
  if (num === undefined) return null;
  const value = parseNumber(num);
  if (value === null) return null;
  const unit = unitCode(trailing ? trailing[2] : leading?.[1]);
  return unit === undefined ? { value } : { value, unit };
}

/**
 * A specification limit as written → bounds. Handles `25.00 ±0.05`, `Φ12±0.1`, `102.0 +/- 0.3`,
 * `8.000 +0.015/-0`, `50.00 -0.10/+0.00`, `Φ10 +0.02/0` and `Φ1200 0/-0.30` (an unsigned zero
 * deviation), `25,00 ±0,05` (decimal comma), `10-12 mm`, `58~62HRC`, `HRC 58-62`, `80-120μm`,
 * `max 0.2 mm`, `0.5 mm max`, `≤ 3.2 µm`, `min 2mm`, `最小允许12.0mm`, `不大于0.2`, `±0.1` and a bare
 * `0.10`, which documents use for a one-sided tolerance (position, flatness, depth) and is read as an
 * upper limit.
 */
export function normalizeSpecLimit(raw: string): SpecLimit | null {
  let s = cleanText(raw)
    .replace(/\+\s*\/\s*-|\+\s*-|-\s*\/\s*\+/g, '±')
    .replace(/[～〜]/g, '~')
    .replace(/[−–—]/g, '-');
  let direction: 'upper' | 'lower' | null = null;
  let unit: string | undefined;
  // Shore A 60±5, HRC 58-62, Shore D ≥ 60: a hardness scale written before the limit.
  const leadingScale = new RegExp(`^${LEADING_SCALE}(?=[\\d+\\-±<>≤≥]|max|min)`, 'i');
  const takeLeadingScale = (): void => {
    s = s.replace(leadingScale, (_all, scale: string) => {
      unit ??= unitCode(scale);
      return '';
    });
  };
  const upperWord = /^(?:max(?:imum)?\.?|≤|<=|<|不大于|不超过|最大允许|最大|上限|小于等于)\s*|\s*(?:max(?:imum)?\.?|以下|以内|max)$/i;
  const lowerWord = /^(?:min(?:imum)?\.?|≥|>=|>|不小于|不低于|最小允许|最小|下限|大于等于|至少)\s*|(?<!\/\s*)\s*(?:min(?:imum)?\.?|以上)$/i;
  s = stripPrefixes(s);
  takeLeadingScale();
  if (upperWord.test(s)) {
    direction = 'upper';
    s = s.replace(upperWord, '');
  } else if (lowerWord.test(s)) {
    direction = 'lower';
    s = s.replace(lowerWord, '');
  }
  s = stripPrefixes(s.trim());
  takeLeadingScale();

  // Collect the unit (the same unit may be repeated after each number) and drop it.
  const unitAfterNumber = new RegExp(`(\\d)\\s*(${UNIT_RE})(?![a-z])`, 'gi');
  s = s.replace(unitAfterNumber, (_all, d: string, u: string) => {
    unit ??= unitCode(u);
    return d;
  });
  s = s.replace(/\s+/g, ' ').trim();
  // A limit that writes a decimal comma anywhere (25,00 or 0,015, neither of which can be thousands)
  // writes it throughout: "8,000 +0,015/-0" is eight millimetres, not eight thousand.
  if (!s.includes('.') && /(?<![\d,])0,\d|\d,(?:\d{1,2}|\d{4,})(?!\d)/.test(s)) s = s.replace(/(\d),(?=\d)/g, '$1.');
  const withUnit = (spec: SpecLimit): SpecLimit => (unit === undefined ? spec : { ...spec, unit });

  let m = new RegExp(`^(${NUM})\\s*±\\s*(${NUM})$`).exec(s);
  if (m) {
    const nominal = parseNumber(m[1] as string);
    const tol = parseNumber(m[2] as string);
    if (nominal === null || tol === null) return null;
    const d = Math.max(decimalsOf(m[1] as string), decimalsOf(m[2] as string));
    return withUnit({ nominal, lower: roundTo(nominal - Math.abs(tol), d), upper: roundTo(nominal + Math.abs(tol), d) });
  }
  m = new RegExp(`^±\\s*(${NUM})$`).exec(s);
  if (m) {
    const tol = parseNumber(m[1] as string);
    return tol === null ? null : withUnit({ tolerance: Math.abs(tol) });
  }
  // Two deviations, nominal +upper/-lower in either order. A zero deviation is often written unsigned
  // (Φ10 +0.02/0, Φ1200 0/-0.30); an unsigned zero right after the nominal needs a space to be told from
  // the nominal's last digit. At least one deviation must carry a sign.
  m = new RegExp(`^(${NUM})(?:\\s*(${DEVIATION})|\\s+(${UNSIGNED_ZERO}))\\s*/\\s*(?:(${DEVIATION})|(${UNSIGNED_ZERO}))$`).exec(s);
  if (m && (m[2] !== undefined || m[4] !== undefined)) {
    const first = (m[2] ?? m[3]) as string;
    const second = (m[4] ?? m[5]) as string;
    const nominal = parseNumber(m[1] as string);
    const a = parseNumber(first.replace(/\s/g, ''));
    const b = parseNumber(second.replace(/\s/g, ''));
    if (nominal === null || a === null || b === null) return null;
    const d = Math.max(decimalsOf(m[1] as string), decimalsOf(first), decimalsOf(second));
    return withUnit({ nominal, lower: roundTo(nominal + Math.min(a, b), d), upper: roundTo(nominal + Math.max(a, b), d) });
  }
  m = new RegExp(`^(${NUM})\\s*(?:-|~|to|至|到)\\s*(${NUM})$`, 'i').exec(s);
  if (m) {
    const a = parseNumber(m[1] as string);
    const b = parseNumber(m[2] as string);
    if (a === null || b === null) return null;
    if (b >= a) return withUnit({ lower: a, upper: b });
    // "50.00-0.10": a nominal with a minus-only tolerance, not a range running backwards.
    const d = Math.max(decimalsOf(m[1] as string), decimalsOf(m[2] as string));
    return withUnit({ nominal: a, lower: roundTo(a - b, d), upper: a });
  }
  m = new RegExp(`^(${NUM})$`).exec(s);
  if (m) {
    const v = parseNumber(m[1] as string);
    if (v === null) return null;
    return withUnit(direction === 'lower' ? { lower: v } : { upper: v });
  }
  return null;
}
