/**
 * The chars-v1 featurizer as first written (regex and String#normalize per character), kept only
 * as the oracle for features-equivalence.spec.ts: the table-driven featurizer must give the very
 * same ids, or the shipped model's embedding rows would mean something else.
 */
import { FEATURE_SLOTS, SECOND_ROW_OF, SLOT_COUNT, type Features } from '../../libs/extraction/src/model/features';
import { tableCells } from '../../libs/extraction/src/model/table-columns';

/** Script classes; kept to one letter each because they are concatenated into a hashed string. */
function scriptClass(ch: string): string {
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

/** FNV-1a over UTF-16 units, seeded per slot so the same string lands on unrelated rows in each slot. */
function fnv(slot: number, s: string): number {
  let h = (0x811c9dc5 ^ Math.imul(slot + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

function hash(slot: number, s: string): number {
  let h = fnv(slot, s);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function bucket(slot: number, s: string): number {
  const rows = FEATURE_SLOTS[slot]?.rows ?? 2;
  return 1 + (hash(slot, s) % (rows - 1));
}

/** Second-row slots hash their base slot's key with another finaliser (lowbias32). */
function secondBucket(slot: number, s: string): number {
  let h = fnv(SECOND_ROW_OF[slot] as number, s);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return 1 + ((h >>> 0) % ((FEATURE_SLOTS[slot]?.rows ?? 2) - 1));
}

/** NFKC + lower case per code unit, so full-width digits and letters share features with ASCII. */
function normaliseUnits(text: string): string[] {
  const out = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const n = c.normalize('NFKC').toLowerCase();
    out[i] = n.length === 0 ? c : n;
  }
  return out;
}

function shapeChar(c: string): string {
  if (/[0-9]/.test(c)) return 'd';
  if (/[a-z]/.test(c)) return 'x';
  if (/[A-Z]/.test(c)) return 'X';
  if (/\p{Script=Han}/u.test(c)) return 'H';
  if (/\p{L}/u.test(c)) return 'a';
  return c;
}

/** Word shape with runs longer than 3 collapsed, as in spaCy's `shape_`. */
function wordShape(units: readonly string[], raw: string, start: number, end: number): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = start; i < end && out.length < 16; i++) {
    // Case lives in the raw text; the normalised unit already folded it.
    const r = (raw[i] as string).normalize('NFKC');
    const s = shapeChar(r.length === 1 ? r : (units[i] as string));
    if (s === last) run++;
    else {
      last = s;
      run = 1;
    }
    if (run <= 3) out += s;
  }
  return out;
}

type TokenKind = 'w' | 'h' | 'p' | 's';

interface Token {
  start: number;
  end: number;
  kind: TokenKind;
}

const CONNECTORS = new Set(['-', '/', '.', '_', '#', '+']);

function isAlnum(cls: string): boolean {
  return cls === 'L' || cls === 'D' || cls === 'A';
}

/**
 * Tokens for context features: alphanumeric runs (with internal connectors, so "HX-2210" and
 * "2026-03-05" are one token), Han runs, single punctuation marks, whitespace runs.
 */
function tokenize(classes: readonly string[], units: readonly string[]): Token[] {
  const tokens: Token[] = [];
  const n = classes.length;
  let i = 0;
  while (i < n) {
    const c = classes[i] as string;
    let j = i + 1;
    let kind: TokenKind;
    if (isAlnum(c)) {
      kind = 'w';
      while (j < n) {
        const cj = classes[j] as string;
        if (isAlnum(cj)) j++;
        else if (CONNECTORS.has(units[j] as string) && j + 1 < n && isAlnum(classes[j + 1] as string)) j += 2;
        else break;
      }
    } else if (c === 'H') {
      kind = 'h';
      while (j < n && classes[j] === 'H') j++;
    } else if (c === 'S' || c === 'N') {
      kind = 's';
      while (j < n && (classes[j] === 'S' || classes[j] === 'N')) j++;
    } else kind = 'p';
    tokens.push({ start: i, end: j, kind });
    i = j;
  }
  return tokens;
}

function tokenText(units: readonly string[], t: Token, side: 'left' | 'right' | 'all'): string {
  // A Han run can be a whole clause; as context only the characters next to the neighbour matter.
  let s = t.start;
  let e = t.end;
  if (t.kind === 'h' && e - s > 2) {
    if (side === 'left') s = e - 2;
    else if (side === 'right') e = s + 2;
  }
  let out = '';
  for (let i = s; i < e && out.length < 24; i++) out += units[i];
  return out;
}

export function referenceFeaturize(text: string): Features {
  const n = text.length;
  const units = normaliseUnits(text);
  const classes = units.map((u, i) => scriptClass(u.length === 1 ? u : (text[i] as string)));
  const tokens = tokenize(classes, units);
  const tokenOf = new Int32Array(n);
  tokens.forEach((t, k) => tokenOf.fill(k, t.start, t.end));
  // Context neighbours skip whitespace and punctuation: "Lot: L23-118" should see "lot".
  const content = tokens.map((t) => t.kind === 'w' || t.kind === 'h');
  const prevContent = new Int32Array(tokens.length).fill(-1);
  const nextContent = new Int32Array(tokens.length).fill(-1);
  for (let k = 1; k < tokens.length; k++) prevContent[k] = content[k - 1] ? k - 1 : (prevContent[k - 1] as number);
  for (let k = tokens.length - 2; k >= 0; k--) nextContent[k] = content[k + 1] ? k + 1 : (nextContent[k + 1] as number);

  const shapes = tokens.map((t) => wordShape(units, text, t.start, t.end));
  const ids = new Int32Array(n * SLOT_COUNT);
  const column: (string | undefined)[] = new Array(n);
  for (const c of tableCells(text)) for (let i = c.start; i < c.end; i++) column[i] = c.header === null ? '^header' : `c:${c.header}`;
  const u = (i: number): string => (i >= 0 && i < n ? (units[i] as string) : i < 0 ? '<s>' : '</s>');
  const cls = (i: number): string => (i >= 0 && i < n ? (classes[i] as string) : '^');

  for (let i = 0; i < n; i++) {
    const k = tokenOf[i] as number;
    const tok = tokens[k] as Token;
    const len = tok.end - tok.start;
    const pos = len === 1 ? 'U' : i === tok.start ? 'B' : i === tok.end - 1 ? 'L' : 'I';
    const own =
      tok.kind === 'h' ? `h:${u(i - 2)}${u(i - 1)}${u(i)}` : tok.kind === 's' ? `s:${len > 1 ? 'm' : u(i)}` : tokenText(units, tok, 'all');
    const p1 = prevContent[k] as number;
    const p2 = p1 >= 0 ? (prevContent[p1] as number) : -1;
    const nx = nextContent[k] as number;
    const row = i * SLOT_COUNT;
    ids[row] = bucket(0, u(i));
    ids[row + 1] = bucket(1, u(i - 1) + u(i));
    ids[row + 2] = bucket(2, u(i) + u(i + 1));
    ids[row + 3] = bucket(3, u(i - 1) + u(i) + u(i + 1));
    ids[row + 4] = bucket(4, own);
    ids[row + 5] = bucket(5, `${shapes[k]}|${pos}`);
    ids[row + 6] = bucket(6, p1 >= 0 ? tokenText(units, tokens[p1] as Token, 'left') : '<none>');
    ids[row + 7] = bucket(7, p2 >= 0 ? tokenText(units, tokens[p2] as Token, 'left') : '<none>');
    ids[row + 8] = bucket(8, nx >= 0 ? tokenText(units, tokens[nx] as Token, 'right') : '<none>');
    ids[row + 9] = bucket(9, `${cls(i - 1)}${cls(i)}${cls(i + 1)}${pos}`);
    ids[row + 10] = bucket(10, column[i] ?? '<none>');
    ids[row + 11] = secondBucket(11, u(i - 1) + u(i));
    ids[row + 12] = secondBucket(12, u(i) + u(i + 1));
    ids[row + 13] = secondBucket(13, u(i - 1) + u(i) + u(i + 1));
    ids[row + 14] = secondBucket(14, own);
  }
  return { ids, length: n, slots: SLOT_COUNT };
}

