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

/**
 * Traditional characters of the defect, severity, disposition and loss vocabularies, with their simplified
 * forms: suppliers in Taiwan and Hong Kong write 嚴重 / 退貨 / 報廢 for 严重 / 退货 / 报废. A fold over
 * these characters only, not a general converter (ours is a closed vocabulary).
 */
const TRADITIONAL = '嚴輕級類貨廢報離凍結讓採劃傷紋縫氣鬆縮蝕鏽銹髒漬雜質變彎翹黃損斷齒長過徑裝貼滲壓飛邊鋒點異洩選檢驗處維換補銷毀暫鎖標識爐淨鑄鍍層膠錯誤導線盜竊搶颱風擊災燒車遺丟傾場濕潑醫療術';
const SIMPLIFIED = '严轻级类货废报离冻结让采划伤纹缝气松缩蚀锈锈脏渍杂质变弯翘黄损断齿长过径装贴渗压飞边锋点异泄选检验处维换补销毁暂锁标识炉净铸镀层胶错误导线盗窃抢台风击灾烧车遗丢倾场湿泼医疗术';
const FOLD = new Map([...TRADITIONAL].map((ch, i) => [ch, [...SIMPLIFIED][i] as string]));

/** Folds the traditional characters of our Chinese vocabularies to simplified ones; everything else is unchanged. */
export function foldTraditional(s: string): string {
  let out = '';
  for (const ch of s) out += FOLD.get(ch) ?? ch;
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
