/**
 * Flattened tables put a value far from its caption: the header line names the columns and the
 * value sits in the same column rows below ("Claim No.,Policy #,Incident date" over
 * "RDAA2027…,PL 0566…,28 Nov 2025"). A convolution sees ±a few dozen characters, not "the third
 * cell of the line above", so the featurizer hands every value cell its column's header text.
 *
 * A table is a run of consecutive lines split by the same separator (tab, pipe, full-width pipe or,
 * with at least two per line, comma) into two or more cells; its first line is the header.
 */

export interface TableCell {
  start: number;
  end: number;
  /** The header text of the cell's column (normalised), or null for the header cells themselves. */
  header: string | null;
}

type Separator = 'tab' | 'pipe' | 'comma';

const SEPARATORS: Record<Separator, RegExp> = { tab: /\t/g, pipe: /[|｜]/g, comma: /[,，]/g };
const MAX_HEADER_CHARS = 30;

function separatorOf(line: string): Separator | null {
  if (line.includes('\t')) return 'tab';
  if (/[|｜]/.test(line)) return 'pipe';
  if ((line.match(/[,，]/g)?.length ?? 0) >= 2) return 'comma';
  return null;
}

/** Cell ranges of one line (absolute offsets), trimmed of spaces; empty cells are kept as empty ranges. */
function cellsOf(line: string, offset: number, sep: Separator): { start: number; end: number }[] {
  const cells: { start: number; end: number }[] = [];
  let from = 0;
  const push = (to: number): void => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(line[s] ?? '')) s++;
    while (e > s && /\s/.test(line[e - 1] ?? '')) e--;
    cells.push({ start: offset + s, end: offset + e });
  };
  for (const m of line.matchAll(SEPARATORS[sep])) {
    push(m.index ?? 0);
    from = (m.index ?? 0) + 1;
  }
  push(line.length);
  return cells;
}

const normalise = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/[:：#]+$/, '').trim();

/** Every value cell of every flattened table in `text`, with its column header; header cells too. */
export function tableCells(text: string): TableCell[] {
  const out: TableCell[] = [];
  // Header cells are only reported once a row follows: a lone line with two commas is a sentence.
  let header: { sep: Separator; names: (string | null)[]; cells: { start: number; end: number }[] } | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const sep = line.trim() === '' ? null : separatorOf(line);
    const cells = sep ? cellsOf(line, offset, sep) : [];
    const content = cells.filter((c) => c.end > c.start);
    if (sep === null || content.length < 2) {
      header = null;
    } else if (/^[\s|｜:\-=+]+$/.test(line)) {
      // A markdown rule under the header row: part of the table, no values.
    } else if (header === null || header.sep !== sep) {
      const names = cells.map((c) => normalise(text.slice(c.start, c.end)));
      // A "header" of long cells is prose with commas, not a table.
      if (names.some((n) => n.length > MAX_HEADER_CHARS)) {
        header = null;
      } else {
        header = { sep, names, cells: content };
      }
    } else {
      for (const c of header.cells) out.push({ ...c, header: null });
      header.cells = [];
      cells.forEach((c, k) => {
        const name = header?.names[k];
        if (c.end > c.start && name) out.push({ ...c, header: name });
      });
    }
    offset += line.length + 1;
  }
  return out;
}
