import { SPAN_LABELS, type SpanLabel } from '../schema/fields';

/** BIO tag set the sequence model predicts: index 0 is 'O', then B-/I- for each span label in SPAN_LABELS order. */
export const TAGS: readonly string[] = ['O', ...SPAN_LABELS.flatMap((l) => [`B-${l}`, `I-${l}`])];
export const TAG_COUNT = TAGS.length;
export const OUTSIDE = 0;

const TAG_INDEX = new Map(TAGS.map((t, i) => [t, i]));

export function beginTag(label: string): number {
  const i = TAG_INDEX.get(`B-${label}`);
  if (i === undefined) throw new Error(`unknown span label: ${label}`);
  return i;
}

export function insideTag(label: string): number {
  return beginTag(label) + 1;
}

/** Label of a tag index, or null for 'O'. */
export function labelOf(tag: number): SpanLabel | null {
  if (tag <= 0 || tag >= TAG_COUNT) return null;
  return SPAN_LABELS[(tag - 1) >> 1] as SpanLabel;
}

export function isBegin(tag: number): boolean {
  return tag > 0 && (tag - 1) % 2 === 0;
}
