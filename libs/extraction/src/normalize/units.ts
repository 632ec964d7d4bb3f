import { dropRoughMarkers, parseAnyNumber, parseChineseRange } from './numbers';
import { cleanText } from './text';

/**
 * Unit words as documents write them → UN/ECE Recommendation 20 common codes. Package words
 * (carton, box) use the Rec 21 codes that Rec 20 carries with an X prefix.
 */
const UNIT_TABLE: [string[], string][] = [
  [['pcs', 'pc', 'piece', 'pieces', 'ea', 'each', 'unit', 'units', 'nos', 'no', 'pce', '件', '个', '個', '只', '颗', '片', '根', '台', '支', '条', '块', '粒', '枚', '张', '把', '副'], 'PCE'],
  [['set', 'sets', '套'], 'SET'],
  [['pair', 'pairs', 'pr', '对', '双'], 'PR'],
  [['carton', 'cartons', 'ctn', 'ctns', '箱'], 'XCT'],
  [['box', 'boxes', '盒'], 'XBX'],
  [['mm', 'millimetre', 'millimeter', 'millimetres', 'millimeters', '毫米'], 'MMT'],
  [['cm', 'centimetre', 'centimeter', '厘米'], 'CMT'],
  [['m', 'metre', 'meter', 'metres', 'meters', '米'], 'MTR'],
  [['km', '公里', '千米'], 'KMT'],
  [['µm', 'μm', 'um', 'micron', 'microns', '微米', '丝'], '4H'],
  [['in', 'inch', 'inches', '"', '英寸'], 'INH'],
  [['ft', 'foot', 'feet', "'"], 'FOT'],
  [['g', 'gram', 'grams', '克'], 'GRM'],
  [['kg', 'kgs', 'kilogram', 'kilograms', '公斤', '千克'], 'KGM'],
  [['mg', '毫克'], 'MGM'],
  [['t', 'tonne', 'tonnes', '吨'], 'TNE'],
  [['lb', 'lbs', 'pound', 'pounds'], 'LBR'],
  [['l', 'litre', 'liter', 'litres', 'liters', '升'], 'LTR'],
  [['ml', 'millilitre', 'milliliter', '毫升'], 'MLT'],
  [['bar'], 'BAR'],
  [['mbar', 'millibar', 'millibars', '毫巴'], 'MBR'],
  [['pa'], 'PAL'],
  [['kpa'], 'KPA'],
  [['mpa'], 'MPA'],
  [['psi'], 'PS'],
  [['nm', 'n·m', 'n.m', 'n-m', 'n*m', '牛米', '牛·米'], 'NU'],
  [['n', '牛'], 'NEW'],
  [['kn', 'kilonewton', 'kilonewtons', '千牛'], 'B47'],
  [['%', 'percent', 'pct'], 'P1'],
  [['°c', '℃', 'degc', 'deg c'], 'CEL'],
  [['°', 'deg', 'degree', 'degrees', '度'], 'DD'],
  [['s', 'sec', 'secs', 'second', 'seconds', '秒'], 'SEC'],
  [['min', 'mins', 'minute', 'minutes', '分钟'], 'MIN'],
  [['h', 'hr', 'hrs', 'hour', 'hours', '小时'], 'HUR'],
  [['v', 'volt', 'volts', '伏', '伏特'], 'VLT'],
  [['mv', 'millivolt', 'millivolts', '毫伏'], '2Z'],
  [['kv', 'kilovolt', 'kilovolts', '千伏'], 'KVT'],
  [['a', 'amp', 'amps', 'ampere', 'amperes', '安', '安培'], 'AMP'],
  [['ma', 'milliamp', 'milliamps', 'milliampere', 'milliamperes', '毫安'], '4K'],
  [['w', 'watt', 'watts', '瓦'], 'WTT'],
  [['ω', 'ohm', 'ohms', '欧', '欧姆'], 'OHM'],
  [['kω', 'kohm', 'kohms', 'kilohm', 'kilohms', 'kiloohm', 'kiloohms', '千欧'], 'B49'],
  [['megohm', 'megohms', 'megaohm', 'megaohms', '兆欧'], 'B75'],
  [['milliohm', 'milliohms', '毫欧'], 'E45'],
  [['db', 'decibel', 'decibels', '分贝'], '2N'],
  [['hz', '赫兹'], 'HTZ'],
  [['ml/min', 'ml/minute', '毫升/分钟', '毫升/分'], '41'],
  [['cc/min', 'cm3/min', 'cm³/min', 'cc/minute'], 'G49'],
];
/**
 * Prefixes whose case is the unit: MΩ is a megohm, mΩ a milliohm. Looked up as written before the
 * case-insensitive table, which has no entry for "mω"/"mohm" so an ambiguous all-caps MOHM passes through.
 */
const CASE_SENSITIVE_UNITS = new Map<string, string>([
  ['MΩ', 'B75'], ['Mω', 'B75'], ['MOhm', 'B75'], ['Mohm', 'B75'],
  ['mΩ', 'E45'], ['mω', 'E45'], ['mOhm', 'E45'], ['mohm', 'E45'],
]);
const UNIT_CODES = new Map<string, string>();
for (const [words, code] of UNIT_TABLE) for (const w of words) UNIT_CODES.set(w, code);

/** Rec 20 code for a unit word, or null. "MM" and "mm" are the same unit; "M" (metre) and "m" too. */
export function unitToRec20(word: string): string | null {
  // U+2126 OHM SIGN → Greek capital omega; "ml / min" → "ml/min".
  const asWritten = cleanText(word).replace(/\u2126/g, 'Ω').replace(/\s*\/\s*/g, '/').replace(/\.$/, '');
  const exact = CASE_SENSITIVE_UNITS.get(asWritten);
  if (exact !== undefined) return exact;
  const w = asWritten.toLowerCase();
  return UNIT_CODES.get(w) ?? UNIT_CODES.get(w.replace(/s$/, '')) ?? null;
}

export interface Quantity {
  value: number;
  /** Rec 20 code; countable nouns that are not units (frames, boards, wheels) count as pieces (PCE). */
  unit: string;
}

const EN_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, a: 1, an: 1, single: 1, several: NaN,
};

/**
 * A count as written (`5 pcs`, `x3`, `12件`, `共8只`, `two units`, `２４箱`, `三台`, `十二个`, `1万个`) →
 * {value, unit}. A rough count reads as its floor: `二十来个`, `二十多箱`, `30余件` → 20 / 20 / 30, and a
 * Chinese range takes its lower bound (`三四十个` → 30, `两三箱` → 2).
 */
export function normalizeQuantity(raw: string): Quantity | null {
  const s = dropRoughMarkers(
    cleanText(raw)
      .toLowerCase()
      .replace(/^(?:qty|total|共计|共|计|约|约有|大概|about|approx\.?|~)\s*[:：]?\s*/, '')
      .replace(/\s*(?:左右|余)$/, ''),
  );
  const m =
    /^[x×*]\s*(\d+)$/.exec(s) ??
    /^(\d+)\s*[x×]$/.exec(s) ??
    /^([\d.,零〇一二两三四五六七八九十百千万亿]+|[a-z]+)\s*([^\d\s].*)?$/.exec(s);
  if (!m) return null;
  let num = m[1] as string;
  let word = m[2]?.trim();
  // 5千克 is five kilograms, not 5000 grams: 千 joins a following unit word when that makes a unit.
  if (word && num.length > 1 && num.endsWith('千') && unitToRec20(`千${word}`) !== null) {
    num = num.slice(0, -1);
    word = `千${word}`;
  }
  const value = /^[a-z]+$/.test(num)
    ? (EN_NUMBERS[num] ?? NaN)
    : (parseAnyNumber(num) ?? parseChineseRange(num)?.[0] ?? NaN);
  if (!Number.isFinite(value) || value < 0) return null;
  return { value, unit: word ? (unitToRec20(word) ?? 'PCE') : 'PCE' };
}
