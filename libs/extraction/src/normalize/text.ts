/**
 * Character-level clean-up shared by every normaliser. Chinese documents often type digits, Latin
 * letters and punctuation in their full-width forms (ＰＮ－３３０１９, ２０２６年), which regexes written
 * for ASCII would miss.
 */

/** Maps full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Half-width, whitespace runs collapsed to one space, trimmed. */
export function cleanText(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, ' ').trim();
}

/**
 * Identifiers (order, part, lot, serial, claim and policy numbers): half-width, upper-case, trimmed of
 * surrounding punctuation a span may have caught, inner whitespace collapsed. Separators inside the
 * identifier are kept because they are part of how the ERP stores it (HX-2210 ≠ HX2210 in most systems).
 */
export function normalizeIdentifier(s: string): string {
  return cleanText(s)
    .replace(/^[#:：.,;，。;\s]+|[.,;:，。；：\s]+$/g, '')
    .replace(/^(?:NO|NR)\.?\s*(?=\w)/i, '')
    .toUpperCase();
}

/** Chinese resident IDs and VINs are written with stray spaces or hyphens; the canonical form has none. */
export function normalizeCompactId(s: string): string {
  return normalizeIdentifier(s).replace(/[\s-]/g, '');
}

export function normalizeEmail(s: string): string {
  return cleanText(s).replace(/^mailto:/i, '').replace(/[.,;]+$/, '').toLowerCase();
}

/** Person names: "Lopez, Ana" stays as written (order carries meaning in some locales); only spacing is fixed. */
export function normalizeName(s: string): string {
  return cleanText(s).replace(/^(?:mr|mrs|ms|dr)\.?\s+/i, '');
}
