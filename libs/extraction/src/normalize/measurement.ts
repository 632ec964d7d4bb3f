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
// Feature symbols and captions that may sit inside a measurement or spec span.
const PREFIX = /^(?:spec(?:ification)?|tol(?:erance)?|limit|allowable|drawing|dwg|nominal|要求|标准|规格|公差|图纸要求|允许|范围|Φ|Ø|ø|⌀|φ|dia\.?|r[az]?|od|id)\s*[:：=]?\s*/i;
// Units that may follow a number; longest first so "mm" is not read as "m".
const UNIT_RE = String.raw`(?:µm|μm|um|mm|cm|km|m|in(?:ch(?:es)?)?|ft|kg|mg|g|t|lbs?|ml|l|mbar|bar|kpa|mpa|pa|psi|n[·.*-]?m|n|hrc|hrb|hv|hb|%|°c|℃|°|deg|secs?|s|mins?|h|hrs?|v|a|w|ω|ohms?|hz|毫米|微米|丝|米|克|公斤|千克|吨|升|毫升|秒|分钟|小时|度)`;

function unitCode(word: string | undefined): string | undefined {
  if (!word) return undefined;
  return unitToRec20(word) ?? word.toUpperCase();
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
  const s = stripPrefixes(cleanText(raw).replace(/^(?:approx\.?|about|约|~|≈)\s*/i, ''));
  const m = new RegExp(`^(${NUM})\\s*(${UNIT_RE})?\\.?$`, 'i').exec(s);
  if (!m) return null;
  const value = parseNumber(m[1] as string);
  if (value === null) return null;
  const unit = unitCode(m[2]);
  return unit === undefined ? { value } : { value, unit };
}

/**
 * A specification limit as written → bounds. Handles `25.00 ±0.05`, `Φ12±0.1`, `102.0 +/- 0.3`,
 * `8.000 +0.015/-0`, `50.00 -0.10/+0.00`, `10-12 mm`, `58~62HRC`, `80-120μm`, `max 0.2 mm`,
 * `0.5 mm max`, `≤ 3.2 µm`, `min 2mm`, `最小允许12.0mm`, `不大于0.2`, `±0.1` and a bare `0.10`, which
 * documents use for a one-sided tolerance (position, flatness, depth) and is read as an upper limit.
 */
export function normalizeSpecLimit(raw: string): SpecLimit | null {
  let s = cleanText(raw)
    .replace(/\+\s*\/\s*-|\+\s*-|-\s*\/\s*\+/g, '±')
    .replace(/[～〜]/g, '~')
    .replace(/[−–—]/g, '-');
  let direction: 'upper' | 'lower' | null = null;
  const upperWord = /^(?:max(?:imum)?\.?|≤|<=|<|不大于|不超过|最大允许|最大|上限|小于等于)\s*|\s*(?:max(?:imum)?\.?|以下|以内|max)$/i;
  const lowerWord = /^(?:min(?:imum)?\.?|≥|>=|>|不小于|不低于|最小允许|最小|下限|大于等于|至少)\s*|\s*(?:min(?:imum)?\.?|以上)$/i;
  s = stripPrefixes(s);
  if (upperWord.test(s)) {
    direction = 'upper';
    s = s.replace(upperWord, '');
  } else if (lowerWord.test(s)) {
    direction = 'lower';
    s = s.replace(lowerWord, '');
  }
  s = stripPrefixes(s.trim());

  // Collect the unit (the same unit may be repeated after each number) and drop it.
  let unit: string | undefined;
  const unitAfterNumber = new RegExp(`(\\d)\\s*(${UNIT_RE})(?![a-z])`, 'gi');
  s = s.replace(unitAfterNumber, (_all, d: string, u: string) => {
    unit ??= unitCode(u);
    return d;
  });
  s = s.replace(/\s+/g, ' ').trim();
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
  m = new RegExp(`^(${NUM})\\s*([+-]\\s*\\d+(?:[.,]\\d+)?)\\s*/\\s*([+-]\\s*\\d+(?:[.,]\\d+)?)$`).exec(s);
  if (m) {
    const nominal = parseNumber(m[1] as string);
    const a = parseNumber((m[2] as string).replace(/\s/g, ''));
    const b = parseNumber((m[3] as string).replace(/\s/g, ''));
    if (nominal === null || a === null || b === null) return null;
    const d = Math.max(decimalsOf(m[1] as string), decimalsOf(m[2] as string), decimalsOf(m[3] as string));
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
