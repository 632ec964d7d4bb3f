/**
 * A character tagger can end a span in the middle of a word ("William Müll", "Jun 12, 202"): each
 * character decides alone. Spans are snapped to whole words of Latin letters and digits instead,
 * towards whichever side covers most of the cut word. Han characters carry no word boundaries and
 * are left as tagged.
 */

const WORD = /[\p{L}\p{N}]/u;
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// ASCII answers from a table: decoding asks this for every edge of every span.
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return ASCII_WORD[code] === 1;
  return WORD.test(ch) && !HAN.test(ch);
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && /[0-9０-９]/.test(ch);

/**
 * Whether positions `at - 1` and `at` belong to one word: both word characters, or a connector
 * between two (`HX-2210`, `o'brien`, `mail_to@x`, `12.5`). A full stop only joins digits or two
 * letter runs, so `No.4700912345` still splits before the number.
 */
export function joined(text: string, at: number): boolean {
  const left = text[at - 1];
  const right = text[at];
  if (isWordChar(left) && isWordChar(right)) return true;
  // `right` is a connector when it sits between word characters.
  const connectorAt = (i: number): boolean => {
    const c = text[i];
    const before = text[i - 1];
    const after = text[i + 1];
    if (!isWordChar(before) || !isWordChar(after)) return false;
    if (c === '-' || c === '_' || c === '@' || c === "'" || c === '’') return true;
    if (c === '.') return isDigit(before) === isDigit(after);
    return false;
  };
  return (isWordChar(left) && connectorAt(at)) || (isWordChar(right) && connectorAt(at - 1));
}

/** Words longer than this (base64, junk) are left as tagged: snapping must stay linear in the text. */
const MAX_WORD = 64;

function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i <= MAX_WORD && joined(text, i)) i--;
  return i;
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at <= MAX_WORD && joined(text, i)) i++;
  return i;
}

/** `[start, end)` moved to word boundaries; returns the input when both ends already sit on one. */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  if (e < text.length && e > 0 && joined(text, e)) {
    const ws = wordStart(text, e - 1);
    const we = wordEnd(text, e);
    if (e - ws > MAX_WORD || we - e > MAX_WORD) return tidyEdges(text, s, e, start, end);
    const from = Math.max(ws, s);
    // Extend when the span holds most of the cut word or began inside it; otherwise give the piece back.
    if (2 * (e - from) >= we - ws || from === s) e = we;
    else e = ws;
  }
  if (s > 0 && s < e && joined(text, s)) {
    const ws = wordStart(text, s);
    const wordEndAt = wordEnd(text, s);
    if (s - ws <= MAX_WORD && wordEndAt - s <= MAX_WORD) {
      const we = Math.min(wordEndAt, e);
      if (2 * (we - s) >= wordEndAt - ws || we === e) s = ws;
      else s = we;
    }
  }
  return tidyEdges(text, s, e, start, end);
}

const OPEN = '(（[【';
const CLOSE = ')）]】';

/**
 * Punctuation no value starts or ends with: dangling connectors, list and sentence punctuation, a
 * bracket whose partner is outside the span (pulled in when the partner is inside: "(0512) 5364…").
 */
function tidyEdges(text: string, s0: number, e0: number, start: number, end: number): { start: number; end: number } {
  let s = s0;
  let e = e0;
  // A few rounds settle any real span; the cap keeps adversarial bracket runs from costing more.
  for (let round = 0; round < 8; round++) {
    const before = { s, e };
    while (e > s && /[\s\-_@'’,;:，；：、。!?！？／]/.test(text[e - 1] ?? '')) e--;
    // A full stop after a digit ends the sentence ("rev 12."); after letters it may close "Co." or "W.".
    while (e > s + 1 && text[e - 1] === '.' && isDigit(text[e - 2])) e--;
    while (s < e && /[\s\-_@'’,;:，；：、。]/.test(text[s] ?? '')) s++;
    const piece = text.slice(s, e);
    for (let k = 0; k < OPEN.length; k++) {
      const open = OPEN[k] as string;
      const close = CLOSE[k] as string;
      const opens = piece.split(open).length - 1;
      const closes = piece.split(close).length - 1;
      if (closes > opens) {
        if (piece.endsWith(close)) e--;
        else if (text[s - 1] === open) s--;
      } else if (opens > closes) {
        if (piece.startsWith(open)) s++;
        else if (text[e] === close) e++;
      }
    }
    if (before.s === s && before.e === e) break;
  }
  return s < e ? { start: s, end: e } : { start, end };
}

const DATE_LABELS = new Set(['inspection_date', 'incident_date', 'report_date']);

/**
 * An English function word no value ends with ("rear-end collision on", "theft of", "water leak
 * from the"): under 0.03% of the labelled spans in the training and development sets end in one,
 * except measurements, where "in" is the inch.
 */
const TRAILING_FUNCTION_WORD = /\s+(?:on|in|and|of|the|from|a|an|at|to|with|for|by|or|into|onto|near|after|while|when|during)$/;
const UNIT_LABELS = new Set(['measurement', 'spec_limit']);
const COUNT_LABELS = new Set(['quantity', 'sample_size']);
const UNIT_AFTER = /^ ?(?:mm|µm|μm|um|cm|mV|kV|V|mA|A|N·m|Nm|kN|N|MPa|kPa|Pa|bar|psi|°C|℃|%|HRC|HB|HV|kg|g|ms|Ω|kΩ|dB|rpm)(?![A-Za-z0-9])/;

/**
 * How much of `after` finishes a date the tagger stopped inside: the year of `12/01` + `/2026` or
 * `2 Mar` + ` 2026`, the day of `2026/04/` + `17`, day and year of `March` + ` 12, 2026`. 0 if none.
 */
function dateRest(span: string, after: string): number {
  const sep = /^\d{1,4}([/.-])\d{1,2}$/.exec(span)?.[1];
  if (sep !== undefined) {
    const m = /^([/.-])\d{2,4}(?!\d)/.exec(after);
    if (m?.[1] === sep) return m[0].length;
  }
  if (/^\d{4}([/.-])\d{1,2}\1$/.test(span)) return /^\d{1,2}(?!\d)/.exec(after)?.[0].length ?? 0;
  if (/[A-Za-z]$/.test(span) || /[A-Za-z]\.?\s*\d{1,2}(?:st|nd|rd|th)?$/.test(span)) {
    const m = /^(?:\.?\s\d{1,2}(?:st|nd|rd|th)?)?,?\s(?:19|20)\d{2}(?!\d)/.exec(after);
    if (m && /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(span)) return m[0].length;
  }
  return 0;
}

const PERSON_LABELS = new Set(['inspector', 'claimant_name']);
const ORGANISATION_LABELS = new Set(['claimant_name', 'location']);
const COMPANY_ABBREVIATION = /\b(?:Ltd|Co|Inc|Corp|Pty|Bhd|Mfg)$/;

/**
 * A person's name the tagger stopped inside takes the surname that follows: after a first name
 * ("Rick" of "Rick Alvarado") or after an initial ("s." of "s. o'connell": none of the hand-written
 * training names is a lone initial, 268 are an initial and a surname). Returns the pattern of that
 * surname, or undefined when the piece is neither.
 */
function surnameAfter(piece: string): RegExp | undefined {
  if (/^[A-Z][a-z'’-]+$/.test(piece)) return /^ [A-Z][a-z'’-]+(?![\w:])/;
  if (/^[A-Za-z]\.$/.test(piece)) return /^ ?[A-Za-z][A-Za-z'’-]+(?![\w:])/;
  return undefined;
}

/**
 * Label-aware completion: a Chinese date the model stopped one short of its 日/号; a span that
 * runs on into a function word gives it back.
 */
export function completeSpan(text: string, label: string, start: number, end: number): { start: number; end: number } {
  const surname = PERSON_LABELS.has(label) ? surnameAfter(text.slice(start, end)) : undefined;
  const taken = surname?.exec(text.slice(end, end + 32));
  if (taken) return { start, end: end + taken[0].length };
  if (ORGANISATION_LABELS.has(label) && text[end] === '.' && COMPANY_ABBREVIATION.test(text.slice(Math.max(start, end - 8), end))) {
    // "Kansai Seiki Co., Ltd" + ".": a company's name keeps its abbreviation's full stop (92 of 97
    // hand-written training spans that end in one; the other 5 end a sentence with it, and telling
    // those apart by the next word scored no better on the training set and worse on dev).
    return { start, end: end + 1 };
  }
  if (PERSON_LABELS.has(label) && /\p{L}{2}['’]s$/u.test(text.slice(start, end))) {
    // "Mark Ellis's": the possessive is not part of the name.
    return { start, end: end - 2 };
  }
  if (UNIT_LABELS.has(label) && /[-−]/.test(text[start - 1] ?? '') && /[0-9]/.test(text[start] ?? '') && !/[A-Za-z0-9]/.test(text[start - 2] ?? '')) {
    // "-0.35 bar": tidyEdges takes a leading hyphen for a dangling connector; before a reading it is the minus sign.
    return completeSpan(text, label, start - 1, end);
  }
  if (DATE_LABELS.has(label) && /[0-9０-９一二三四五六七八九十]/.test(text[end - 1] ?? '') && /[日号號]/.test(text[end] ?? '')) {
    return { start, end: end + 1 };
  }
  if (DATE_LABELS.has(label)) {
    const rest = dateRest(text.slice(start, end), text.slice(end, end + 16));
    if (rest > 0) return { start, end: end + rest };
  }
  if (UNIT_LABELS.has(label) && /[0-9０-９]$/.test(text.slice(start, end))) {
    // "≤ 120" of "≤ 120 mV": a measurement or limit carries its unit (labelling guide).
    const m = UNIT_AFTER.exec(text.slice(end, end + 8));
    if (m) return { start, end: end + m[0].length };
  }
  if (COUNT_LABELS.has(label) && /[0-9０-９]$/.test(text.slice(start, end))) {
    // "34" of "34件": a count word written right after the number belongs to it (labelling guide).
    const m = /^(?:[件台个只片卷箱套支块根条组盒袋瓶张桶]|\s?(?:pcs|PCS|pc|ea)\b)/.exec(text.slice(end, end + 5));
    if (m) return { start, end: end + m[0].length };
  }
  if (!UNIT_LABELS.has(label)) {
    // Two rounds cover "from the"; only the last 24 units are searched, so cost stays per span.
    for (let round = 0; round < 2; round++) {
      const from = Math.max(start, end - 24);
      const m = TRAILING_FUNCTION_WORD.exec(text.slice(from, end));
      if (!m || from + m.index <= start) break;
      end = from + m.index;
    }
  }
  return { start, end };
}

/**
 * A lone Han character is a fragment the tagger stopped short on (屏 of 屏蔽罩, 卡 of 卡扣位), not a
 * value: 11 of the ~30,000 labelled training spans are one. Dropping it costs a miss it was anyway.
 */
export function isFragment(text: string, start: number, end: number): boolean {
  return end - start === 1 && HAN.test(text[start] ?? '');
}

/** Labels whose values run on across a comma ("Unit 12, Thame Park Road, Thame OX9 3XA"). */
const COMMA_JOINED = new Set(['location']);

/**
 * Joins neighbouring spans of one label that one or two spaces separate (a tagger restarting a name
 * or a phrase half-way: "Nur" "Aisyah Rahman", "lens" "clips"), not between Han characters, nor
 * across a tab or a wider gap (table columns: see spanBreaks);
 * addresses also across a comma.
 * Spans must be sorted by start.
 */
export function mergeAdjacent<T extends { label: string; start: number; end: number; confidence: number; min?: number; edge?: number }>(spans: readonly T[], text: string): T[] {
  const out: T[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last !== undefined && last.label === s.label && s.start >= last.end) {
      const gap = text.slice(last.end, s.start);
      // Chinese writes no spaces inside a phrase, so a space between Han characters separates two values.
      const latin = !HAN.test(text[last.end - 1] ?? '') && !HAN.test(text[s.start] ?? '');
      if ((latin && /^ {1,2}$/.test(gap)) || (COMMA_JOINED.has(s.label) && /^[ \t]*[,，][ \t]*$/.test(gap))) {
        const a = last.end - last.start;
        const b = s.end - s.start;
        const merged = { ...last, end: s.end, confidence: (last.confidence * a + s.confidence * b) / (a + b) };
        // The join itself was the tagger's doubt: the merged span is as sure as its weaker part.
        if (last.min !== undefined && s.min !== undefined) merged.min = Math.min(last.min, s.min);
        if (last.edge !== undefined && s.edge !== undefined) merged.edge = Math.min(last.edge, s.edge);
        out[out.length - 1] = merged;
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
