/**
 * A character tagger can end a span in the middle of a word ("William Müll", "Jun 12, 202"): each
 * character decides alone. Spans are snapped to whole words of Latin letters and digits instead,
 * towards whichever side covers most of the cut word. Han characters carry no word boundaries and
 * are left as tagged.
 */

const WORD = /[\p{L}\p{N}]/u;
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch) && !HAN.test(ch);
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

function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && joined(text, i)) i--;
  return i;
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && joined(text, i)) i++;
  return i;
}

/** `[start, end)` moved to word boundaries; returns the input when both ends already sit on one. */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  if (e < text.length && e > 0 && joined(text, e)) {
    const ws = wordStart(text, e - 1);
    const we = wordEnd(text, e);
    const from = Math.max(ws, s);
    // Extend when the span holds most of the cut word or began inside it; otherwise give the piece back.
    if (2 * (e - from) >= we - ws || from === s) e = we;
    else e = ws;
  }
  if (s > 0 && s < e && joined(text, s)) {
    const ws = wordStart(text, s);
    const we = Math.min(wordEnd(text, s), e);
    if (2 * (we - s) >= wordEnd(text, s) - ws || we === e) s = ws;
    else s = we;
  }
  while (e > s && /[\s\-_@.'’]/.test(text[e - 1] ?? '')) e--;
  while (s < e && /[\s\-_@'’]/.test(text[s] ?? '')) s++;
  return s < e ? { start: s, end: e } : { start, end };
}
