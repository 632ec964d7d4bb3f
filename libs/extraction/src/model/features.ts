/**
 * The one featurizer shared by training and inference. Every UTF-16 code unit of the input gets
 * one hashed id per feature slot, so span offsets from the model map 1:1 onto the original text
 * and Chinese needs no tokenizer. Id 0 is reserved for padding in every slot; real ids are >= 1.
 *
 * Changing anything here (slots, rows, hashing, normalisation) changes the meaning of the trained
 * embedding rows: bump FEATURE_VERSION and retrain.
 */

import { tableCells } from './table-columns';

export const FEATURE_VERSION = 'chars-v3';

export interface FeatureSlot {
  name: string;
  /** Embedding rows of this slot, including the padding row 0. */
  rows: number;
}

export const FEATURE_SLOTS: readonly FeatureSlot[] = [
  { name: 'char', rows: 6000 },
  { name: 'bigram_left', rows: 6000 },
  { name: 'bigram_right', rows: 6000 },
  { name: 'trigram', rows: 8000 },
  { name: 'token', rows: 8000 },
  { name: 'shape', rows: 2000 },
  { name: 'prev_token', rows: 4000 },
  { name: 'prev2_token', rows: 3000 },
  { name: 'next_token', rows: 4000 },
  { name: 'script', rows: 1000 },
  // The header of the flattened-table column a character sits in (table-columns.ts).
  { name: 'column', rows: 3000 },
  // Second rows for the n-gram and token keys, from an independent mix of the same hash (Bloom
  // embeddings, as spaCy's HashEmbed): two keys that share a row of the first table rarely share
  // one here too, so their summed vectors still differ. The vocabularies are far larger than the
  // tables (the hand-written training set alone has ~74k bigrams and ~211k trigrams).
  { name: 'bigram_left_2', rows: 3000 },
  { name: 'bigram_right_2', rows: 3000 },
  { name: 'trigram_2', rows: 4000 },
  { name: 'token_2', rows: 4000 },
];

/** The slot whose key each second-row slot hashes again. */
export const SECOND_ROW_OF: Readonly<Record<number, number>> = { 11: 1, 12: 2, 13: 3, 14: 4 };

export const SLOT_COUNT = FEATURE_SLOTS.length;

/** Row offset of each slot in a single concatenated embedding table. */
export const SLOT_OFFSETS: readonly number[] = FEATURE_SLOTS.reduce<number[]>(
  (acc, s, i) => [...acc, (acc[i] ?? 0) + s.rows],
  [0],
).slice(0, SLOT_COUNT);

export const TOTAL_ROWS = FEATURE_SLOTS.reduce((n, s) => n + s.rows, 0);

export interface Features {
  /** Row-major [length, slots]. */
  ids: Int32Array;
  length: number;
  slots: number;
}

/** Script classes; kept to one letter each because they are concatenated into a hashed string. */
export function scriptClass(ch: string): string {
  if (ch === '\n' || ch === '\r') return 'N';
  if (/\s/.test(ch)) return 'S';
  if (/[0-9]/.test(ch)) return 'D';
  if (/[a-z]/i.test(ch)) return 'L';
  if (/\p{Script=Han}/u.test(ch)) return 'H';
  if (/\p{L}/u.test(ch)) return 'A';
  if (/[¥$€£￥元]/.test(ch)) return 'C';
  if (/[-/.:_#]/.test(ch)) return 'J';
  if (/\p{P}/u.test(ch)) return 'P';
  return 'O';
}

function shapeChar(c: string): string {
  if (/[0-9]/.test(c)) return 'd';
  if (/[a-z]/.test(c)) return 'x';
  if (/[A-Z]/.test(c)) return 'X';
  if (/\p{Script=Han}/u.test(c)) return 'H';
  if (/\p{L}/u.test(c)) return 'a';
  return c;
}

// ---------------------------------------------------------------- per-code-unit lookup tables
//
// Everything the featurizer derives from a single UTF-16 unit (its NFKC-lowercased form, script
// class, shape letter, char-slot id) is a pure function of the unit, so it is computed once per
// distinct unit and then read from a table; the regexes and String#normalize above run only on
// the first sighting of a unit, never per character of a document.

const CLASS_LETTERS = 'NSDLHACJPO';
/** Class index + 1 per code unit; 0 = not computed yet. */
const classTable = new Uint8Array(0x10000);
const unitTable = new Array<string | undefined>(0x10000);
const shapeTable = new Array<string | undefined>(0x10000);
/** Char-slot bucket per code unit; 0 = not computed yet. */
const charIdTable = new Uint16Array(0x10000);

function fillUnit(code: number): void {
  const c = String.fromCharCode(code);
  const n = c.normalize('NFKC').toLowerCase();
  const unit = n.length === 0 ? c : n;
  unitTable[code] = unit;
  classTable[code] = 1 + CLASS_LETTERS.indexOf(scriptClass(unit.length === 1 ? unit : c));
  // Case lives in the raw text; the normalised unit already folded it.
  const r = c.normalize('NFKC');
  shapeTable[code] = shapeChar(r.length === 1 ? r : unit);
}

function unitOf(code: number): string {
  if (unitTable[code] === undefined) fillUnit(code);
  return unitTable[code] as string;
}

function classOf(code: number): number {
  if (classTable[code] === 0) fillUnit(code);
  return (classTable[code] as number) - 1;
}

function shapeOf(code: number): string {
  if (shapeTable[code] === undefined) fillUnit(code);
  return shapeTable[code] as string;
}

// Class indices (positions in CLASS_LETTERS).
const C_N = 0;
const C_S = 1;
const C_D = 2;
const C_L = 3;
const C_H = 4;
const C_A = 5;

// ---------------------------------------------------------------- hashing

const FNV_PRIME = 0x01000193;
const SLOT_SEEDS: readonly number[] = FEATURE_SLOTS.map((_, slot) => (0x811c9dc5 ^ Math.imul(slot + 1, 0x9e3779b1)) >>> 0);
const SLOT_MODULI: readonly number[] = FEATURE_SLOTS.map((s) => s.rows - 1);

/** FNV-1a step over a string's UTF-16 units; hashing a concatenation = feeding its parts in order. */
function feed(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function finish(slot: number, h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return 1 + ((h >>> 0) % (SLOT_MODULI[slot] as number));
}

/** The second row of a key already fed into `h`: another finaliser (lowbias32), another table. */
function finish2(slot: number, h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return 1 + ((h >>> 0) % (SLOT_MODULI[slot] as number));
}

/** FNV-1a over UTF-16 units, seeded per slot so the same string lands on unrelated rows in each slot. */
function bucket(slot: number, s: string): number {
  return finish(slot, feed(SLOT_SEEDS[slot] as number, s));
}

/**
 * Buckets of whole strings (tokens, shapes) repeat across documents; a bounded per-slot cache
 * hashes each distinct string once. Cleared when full rather than LRU: cheap and good enough.
 */
const CACHE_LIMIT = 50_000;
const stringCaches: Map<string, number>[] = FEATURE_SLOTS.map(() => new Map<string, number>());

function cachedBucket(slot: number, s: string): number {
  const cache = stringCaches[slot] as Map<string, number>;
  let id = cache.get(s);
  if (id === undefined) {
    const base = SECOND_ROW_OF[slot];
    id = base === undefined ? bucket(slot, s) : finish2(slot, feed(SLOT_SEEDS[base] as number, s));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(s, id);
  }
  return id;
}

const BOS = '<s>';
const EOS = '</s>';
const NONE = '<none>';
/** Script-class slot: [prev class 0..10 (10 = outside)][class][next class][position 0..3]. */
const CONTEXT_CLASS_IDS = new Uint16Array(11 * 11 * 11 * 4);
const POSITIONS = 'UBLI';

function contextClassId(prev: number, cur: number, next: number, pos: number): number {
  const key = ((prev * 11 + cur) * 11 + next) * 4 + pos;
  let id = CONTEXT_CLASS_IDS[key] as number;
  if (id === 0) {
    const letter = (c: number): string => (c === 10 ? '^' : (CLASS_LETTERS[c] as string));
    id = bucket(9, `${letter(prev)}${letter(cur)}${letter(next)}${POSITIONS[pos] as string}`);
    CONTEXT_CLASS_IDS[key] = id;
  }
  return id;
}

// ---------------------------------------------------------------- tokens

const TK_WORD = 0;
const TK_HAN = 1;
const TK_PUNCT = 2;
const TK_SPACE = 3;

const CONNECTORS = new Set(['-', '/', '.', '_', '#', '+']);

function isAlnum(cls: number): boolean {
  return cls === C_L || cls === C_D || cls === C_A;
}

/** Up to 24 characters of normalised units (the check runs before each append, as it always has). */
function unitsText(codes: Uint16Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e && out.length < 24; i++) out += unitOf(codes[i] as number);
  return out;
}

/** Word shape with runs longer than 3 collapsed, as in spaCy's `shape_`. */
function wordShape(codes: Uint16Array, start: number, end: number): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = start; i < end && out.length < 16; i++) {
    const s = shapeOf(codes[i] as number);
    if (s === last) run++;
    else {
      last = s;
      run = 1;
    }
    if (run <= 3) out += s;
  }
  return out;
}

/**
 * Tokens for context features: alphanumeric runs (with internal connectors, so "HX-2210" and
 * "2026-03-05" are one token), Han runs, single punctuation marks, whitespace runs.
 * Returns the token count; starts/ends/kinds are filled in place.
 */
function tokenize(cls: Uint8Array, codes: Uint16Array, starts: Int32Array, ends: Int32Array, kinds: Uint8Array): number {
  const n = cls.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = cls[i] as number;
    let j = i + 1;
    let kind: number;
    if (isAlnum(c)) {
      kind = TK_WORD;
      while (j < n) {
        if (isAlnum(cls[j] as number)) j++;
        else if (j + 1 < n && isAlnum(cls[j + 1] as number) && CONNECTORS.has(unitOf(codes[j] as number))) j += 2;
        else break;
      }
    } else if (c === C_H) {
      kind = TK_HAN;
      while (j < n && cls[j] === C_H) j++;
    } else if (c === C_S || c === C_N) {
      kind = TK_SPACE;
      while (j < n && (cls[j] === C_S || cls[j] === C_N)) j++;
    } else kind = TK_PUNCT;
    starts[count] = i;
    ends[count] = j;
    kinds[count] = kind;
    count++;
    i = j;
  }
  return count;
}

export function featurize(text: string): Features {
  const n = text.length;
  const ids = new Int32Array(n * SLOT_COUNT);
  if (n === 0) return { ids, length: 0, slots: SLOT_COUNT };
  const codes = new Uint16Array(n);
  const cls = new Uint8Array(n);
  const charIds = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    codes[i] = code;
    cls[i] = classOf(code);
    let id = charIdTable[code] as number;
    if (id === 0) {
      id = bucket(0, unitOf(code));
      charIdTable[code] = id;
    }
    charIds[i] = id;
  }
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const kinds = new Uint8Array(n);
  const T = tokenize(cls, codes, starts, ends, kinds);

  // Per-token ids of the token-level slots, computed once per token rather than once per character.
  const ownId = new Int32Array(T);
  const ownId2 = new Int32Array(T);
  const shapeStr = new Array<string>(T);
  const leftId6 = new Int32Array(T);
  const leftId7 = new Int32Array(T);
  const rightId8 = new Int32Array(T);
  for (let k = 0; k < T; k++) {
    const s = starts[k] as number;
    const e = ends[k] as number;
    const kind = kinds[k] as number;
    shapeStr[k] = `${wordShape(codes, s, e)}|`;
    if (kind === TK_WORD || kind === TK_PUNCT) {
      const text = unitsText(codes, s, e);
      ownId[k] = cachedBucket(4, text);
      ownId2[k] = cachedBucket(14, text);
    } else if (kind === TK_SPACE && e - s > 1) {
      ownId[k] = cachedBucket(4, 's:m');
      ownId2[k] = cachedBucket(14, 's:m');
    }
    if (kind === TK_WORD || kind === TK_HAN) {
      // A Han run can be a whole clause; as context only the characters next to the neighbour matter.
      const left = kind === TK_HAN && e - s > 2 ? unitsText(codes, e - 2, e) : unitsText(codes, s, e);
      const right = kind === TK_HAN && e - s > 2 ? unitsText(codes, s, s + 2) : left;
      leftId6[k] = cachedBucket(6, left);
      leftId7[k] = cachedBucket(7, left);
      rightId8[k] = cachedBucket(8, right);
    }
  }
  // Context neighbours skip whitespace and punctuation: "Lot: L23-118" should see "lot".
  const none6 = cachedBucket(6, NONE);
  const none7 = cachedBucket(7, NONE);
  const none8 = cachedBucket(8, NONE);
  const isContent = (k: number): boolean => kinds[k] === TK_WORD || kinds[k] === TK_HAN;
  const prevContent = new Int32Array(T).fill(-1);
  const nextContent = new Int32Array(T).fill(-1);
  for (let k = 1; k < T; k++) prevContent[k] = isContent(k - 1) ? k - 1 : (prevContent[k - 1] as number);
  for (let k = T - 2; k >= 0; k--) nextContent[k] = isContent(k + 1) ? k + 1 : (nextContent[k + 1] as number);

  const seed1 = SLOT_SEEDS[1] as number;
  const seed2 = SLOT_SEEDS[2] as number;
  const seed3 = SLOT_SEEDS[3] as number;
  const seed4 = SLOT_SEEDS[4] as number;
  const u = (i: number): string => (i >= 0 && i < n ? unitOf(codes[i] as number) : i < 0 ? BOS : EOS);
  const hPrefix = feed(seed4, 'h:');
  const sPrefix = feed(seed4, 's:');

  for (let k = 0; k < T; k++) {
    const s = starts[k] as number;
    const e = ends[k] as number;
    const len = e - s;
    const kind = kinds[k] as number;
    const p1 = prevContent[k] as number;
    const p2 = p1 >= 0 ? (prevContent[p1] as number) : -1;
    const nx = nextContent[k] as number;
    const id6 = p1 >= 0 ? (leftId6[p1] as number) : none6;
    const id7 = p2 >= 0 ? (leftId7[p2] as number) : none7;
    const id8 = nx >= 0 ? (rightId8[nx] as number) : none8;
    const shape = shapeStr[k] as string;
    const shapeIds = [0, 0, 0, 0];
    for (let i = s; i < e; i++) {
      const pos = len === 1 ? 0 : i === s ? 1 : i === e - 1 ? 2 : 3;
      const ui = u(i);
      const prev = u(i - 1);
      const next = u(i + 1);
      const row = i * SLOT_COUNT;
      ids[row] = charIds[i] as number;
      const h1 = feed(feed(seed1, prev), ui);
      const h2 = feed(feed(seed2, ui), next);
      const h3 = feed(feed(feed(seed3, prev), ui), next);
      ids[row + 1] = finish(1, h1);
      ids[row + 2] = finish(2, h2);
      ids[row + 3] = finish(3, h3);
      ids[row + 11] = finish2(11, h1);
      ids[row + 12] = finish2(12, h2);
      ids[row + 13] = finish2(13, h3);
      if (kind === TK_HAN || (kind === TK_SPACE && len === 1)) {
        const h4 = kind === TK_HAN ? feed(feed(feed(hPrefix, u(i - 2)), prev), ui) : feed(sPrefix, ui);
        ids[row + 4] = finish(4, h4);
        ids[row + 14] = finish2(14, h4);
      } else {
        ids[row + 4] = ownId[k] as number;
        ids[row + 14] = ownId2[k] as number;
      }
      let shapeId = shapeIds[pos] as number;
      if (shapeId === 0) {
        shapeId = cachedBucket(5, shape + (POSITIONS[pos] as string));
        shapeIds[pos] = shapeId;
      }
      ids[row + 5] = shapeId;
      ids[row + 6] = id6;
      ids[row + 7] = id7;
      ids[row + 8] = id8;
      ids[row + 9] = contextClassId(i > 0 ? (cls[i - 1] as number) : 10, cls[i] as number, i + 1 < n ? (cls[i + 1] as number) : 10, pos);
    }
  }
  const noColumn = cachedBucket(10, NONE);
  for (let i = 0; i < n; i++) ids[i * SLOT_COUNT + 10] = noColumn;
  for (const cell of tableCells(text)) {
    const id = cachedBucket(10, cell.header === null ? '^header' : `c:${cell.header}`);
    for (let i = cell.start; i < cell.end; i++) ids[i * SLOT_COUNT + 10] = id;
  }
  return { ids, length: n, slots: SLOT_COUNT };
}

/** Serialisable description written next to the model so inference can check it featurizes the same way. */
export function featureConfig(): { version: string; slots: readonly FeatureSlot[]; offsets: readonly number[] } {
  return { version: FEATURE_VERSION, slots: FEATURE_SLOTS, offsets: SLOT_OFFSETS };
}

// Ids are small and non-negative, so on a little-endian machine writing the low 32-bit word of each int64
// avoids converting every id to a BigInt on the serving path; elsewhere each id is converted.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Pads featurized sequences into the model's int64 [batch, maxLen, SLOT_COUNT] input (id 0 beyond each length). */
export function packBatch(items: readonly { ids: Int32Array; length: number }[]): { data: BigInt64Array; maxLen: number } {
  const maxLen = Math.max(1, ...items.map((i) => i.length));
  const data = new BigInt64Array(items.length * maxLen * SLOT_COUNT);
  const words = new Int32Array(data.buffer);
  items.forEach((it, b) => {
    const base = b * maxLen * SLOT_COUNT;
    const n = it.length * SLOT_COUNT;
    if (LITTLE_ENDIAN) for (let q = 0; q < n; q++) words[2 * (base + q)] = it.ids[q] as number;
    else for (let q = 0; q < n; q++) data[base + q] = BigInt(it.ids[q] as number);
  });
  return { data, maxLen };
}
