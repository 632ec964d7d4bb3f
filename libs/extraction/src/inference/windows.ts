/**
 * Long documents run as overlapping windows so one request never pads a whole batch to its length
 * and every window fits a length bucket. Spans are stitched back by trusting, for each stretch of
 * text, the window that saw it furthest from its edges (where the model lacks context).
 */
import type { ScoredSpan } from '../assemble/assemble-fields';

export interface TextWindow {
  /** Offset of the window's first character in the document. */
  offset: number;
  text: string;
}

export interface WindowOptions {
  /** Maximum window length in UTF-16 units. */
  size: number;
  /** Characters shared by neighbouring windows; at least twice the model's receptive field. */
  overlap: number;
}

export const DEFAULT_WINDOWS: WindowOptions = { size: 512, overlap: 64 };

/**
 * Windows for a model that sees `receptiveField` characters either side: the overlap at least twice
 * that (so every character is that far from an edge in some window), in steps of 32, never below the
 * default; windows at least four overlaps long so most of each is new text.
 */
export function windowsFor(receptiveField: number | undefined): WindowOptions {
  if (receptiveField === undefined) return DEFAULT_WINDOWS;
  const overlap = Math.max(DEFAULT_WINDOWS.overlap, Math.ceil((2 * receptiveField + 2) / 32) * 32);
  return { overlap, size: Math.max(DEFAULT_WINDOWS.size, 4 * overlap) };
}

/**
 * Splits `text` into windows of at most `size` units that overlap by about `overlap`. A window
 * prefers to end at whitespace within its last `overlap / 2` units so identifiers are rarely cut.
 */
export function splitWindows(text: string, options: WindowOptions = DEFAULT_WINDOWS): TextWindow[] {
  const { size, overlap } = options;
  if (size < 2 || overlap < 0 || overlap >= size / 2) throw new Error(`bad window options: size ${size}, overlap ${overlap}`);
  if (text.length <= size) return [{ offset: 0, text }];
  const windows: TextWindow[] = [];
  let start = 0;
  for (;;) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      for (let i = end; i > end - Math.floor(overlap / 2); i--) {
        if (/\s/.test(text[i - 1] ?? '')) {
          end = i;
          break;
        }
      }
    }
    windows.push({ offset: start, text: text.slice(start, end) });
    if (end >= text.length) return windows;
    start = Math.max(start + 1, end - overlap);
  }
}

/**
 * Merges per-window spans (offsets local to each window) into document spans. Overlapping
 * candidates compete; the one with the larger distance to a window edge it does not share with
 * the document wins, so a span cut at a window boundary loses to its whole copy in the neighbour.
 */
export function stitchSpans(windows: readonly TextWindow[], spans: readonly (readonly ScoredSpan[])[], documentLength: number): ScoredSpan[] {
  if (windows.length === 1) return [...(spans[0] ?? [])];
  const candidates: { span: ScoredSpan; margin: number }[] = [];
  windows.forEach((w, i) => {
    const leftEdge = w.offset === 0 ? -Infinity : w.offset;
    const rightEnd = w.offset + w.text.length;
    const rightEdge = rightEnd >= documentLength ? Infinity : rightEnd;
    for (const s of spans[i] ?? []) {
      const start = s.start + w.offset;
      const end = s.end + w.offset;
      candidates.push({ span: { ...s, start, end }, margin: Math.min(start - leftEdge, rightEdge - end) });
    }
  });
  candidates.sort((a, b) => b.margin - a.margin || a.span.start - b.span.start);
  const kept: ScoredSpan[] = [];
  for (const c of candidates) {
    if (kept.some((k) => k.start < c.span.end && c.span.start < k.end)) continue;
    kept.push(c.span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
