import { isValidChineseResidentId, isValidLuhn } from '@mw/identifiers';
import type { DetectableClass } from './data-classes';
import {
  EN_GIVEN_NAMES,
  EN_HONORIFICS,
  EN_NAME_STOP_WORDS,
  ZH_CITIES,
  ZH_COMPOUND_SURNAMES,
  ZH_FIRST_GIVEN_STOP_CHARS,
  ZH_NAME_LABELS,
  ZH_NAME_STOP_CHARS,
  ZH_NAME_SUFFIXES,
  ZH_PROVINCES,
  ZH_SURNAMES,
} from './pii-lexicon';

export interface PiiEntity {
  type: DetectableClass;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** The original (not normalised) characters of the span. */
  text: string;
  /** 0..1; checksum-backed and context-backed matches score higher. */
  score: number;
}

export interface DetectOptions {
  /** Entities scoring below this are dropped (default 0.5). */
  minScore?: number;
  /** Restrict detection to these classes (default: all). */
  classes?: readonly DetectableClass[];
}

type Candidate = Omit<PiiEntity, 'text'>;

/**
 * Finds personal data in English and Chinese free text: national IDs (GB 11643 checksum), phones,
 * emails, payment cards (Luhn), IBANs (mod 97), cue-based person names and addresses.
 *
 * Rule-based on purpose: offsets are exact, behaviour is explainable in a review, and it runs inside
 * a log call. Full-width characters are folded to ASCII one-for-one, so offsets survive.
 */
export function detectPii(text: string, options: DetectOptions = {}): PiiEntity[] {
  const minScore = options.minScore ?? 0.5;
  const wanted = new Set<DetectableClass>(options.classes ?? ['person_name', 'national_id', 'phone', 'email', 'address', 'bank_account']);
  const norm = foldFullWidth(text);
  const candidates: Candidate[] = [];
  if (wanted.has('email')) candidates.push(...findEmails(norm));
  if (wanted.has('national_id')) candidates.push(...findNationalIds(norm));
  if (wanted.has('phone')) candidates.push(...findPhones(norm));
  if (wanted.has('bank_account')) candidates.push(...findBankAccounts(norm));
  if (wanted.has('person_name')) candidates.push(...findNames(norm));
  if (wanted.has('address')) candidates.push(...findAddresses(norm));
  return resolveOverlaps(candidates.filter((c) => c.score >= minScore && c.end > c.start)).map((c) => ({
    ...c,
    text: text.slice(c.start, c.end),
  }));
}

/** Full-width ASCII (U+FF01..U+FF5E) and the ideographic space become ASCII; one UTF-16 unit each, so offsets are unchanged. */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Highest score wins; on a tie the longer span; survivors never overlap. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ordered) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Context helpers

function before(norm: string, start: number, window: number): string {
  return norm.slice(Math.max(0, start - window), start);
}

function after(norm: string, end: number, window: number): string {
  return norm.slice(end, end + window);
}

/**
 * A label right before a number that makes it a business identifier, not personal data:
 * "Order No. 13812345678", "批次号：...". Only the text directly in front counts.
 */
const NON_PII_LABEL =
  /(?:\b(?:order|po|p\/o|so|lot|batch|serial|s\/n|sn|p\/n|pn|part|item|invoice|inv|ref|reference|ticket|case|claim|policy|tracking|sku|model|drawing|doc|document|report|work\s*order|wo|job|shipment|container|vin|asset|tag|id\s*code|barcode|qty|quantity|amount|total|rmb|cny|usd|eur)\b\.?\s*(?:no\.?|number|num|#|id|code)?\s*[:#-]?\s*|(?:订单|单号|批次|批号|序列号|编号|零件号|物料|料号|发票|工单|型号|图号|案号|报案号|保单|追踪号|运单|条码|金额|数量|合计|总计|共计|批量|炉号|模具号|流水号)[号码]?\s*[:：#]?\s*)$/i;

function hasNonPiiLabel(norm: string, start: number): boolean {
  return NON_PII_LABEL.test(before(norm, start, 30));
}

const PHONE_CONTEXT = /(?:phone|tel|mobile|mob|cell|call|contact|fax|whatsapp|wechat|reach|dial|ring|text|sms|电话|手机|联系|致电|来电|座机|热线|号码|微信)/i;
const CARD_CONTEXT = /(?:card|visa|master|amex|unionpay|debit|credit|account|acct|iban|bank|卡号|银行卡|借记卡|信用卡|储蓄卡|账号|帐号|账户|开户|银行)/i;
const ID_CONTEXT = /(?:身份证|证件|身份号|公民身份|居民身份|id\s*(?:card|no|number|#)|identity|national\s*id|resident\s*id|passport)/i;

// ---------------------------------------------------------------------------------------------
// Email

const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

function findEmails(norm: string): Candidate[] {
  return Array.from(norm.matchAll(EMAIL), (m) => ({ type: 'email' as const, start: m.index, end: m.index + m[0].length, score: 0.95 }));
}

// ---------------------------------------------------------------------------------------------
// National IDs

const ID18 = /(?<![0-9A-Za-z])(\d{6})[ ]?((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[ ]?(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID_LABELLED =
  /(?:身份证|证件|身份证号码?|公民身份号码|居民身份证号?|\bid\s*(?:card\s*)?(?:no\.?|number|#)?|\bnational\s*id|\bresident\s*id|\bidentity\s*(?:card\s*)?(?:no\.?|number)?)\s*(?:号码|号)?\s*(?:[:：]|is|为|是)?\s*(?:on the form,?\s*)?(\d{14,17}[\dXx])(?![0-9A-Za-z])/gi;
const ID15 = /(?<![0-9A-Za-z])\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

function findNationalIds(norm: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of norm.matchAll(ID18)) {
    const compact = `${m[1]}${m[2]}${m[3]}`;
    if (!isValidChineseResidentId(compact)) continue;
    const score = ID_CONTEXT.test(before(norm, m.index, 20)) ? 0.99 : 0.95;
    out.push({ type: 'national_id', start: m.index, end: m.index + m[0].length, score });
  }
  // Right after an ID label, an ID-shaped value is masked even when its check digit fails: a
  // mistyped ID still identifies its holder. Elsewhere only checksum-valid numbers count.
  for (const m of norm.matchAll(ID_LABELLED)) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    out.push({ type: 'national_id', start, end: start + value.length, score: 0.6 });
  }
  // The 15-digit pre-1999 form has no check digit, so it is only trusted next to an ID label.
  for (const m of norm.matchAll(ID15)) {
    if (!PROVINCE_CODES.has(m[0].slice(0, 2))) continue;
    if (!ID_CONTEXT.test(before(norm, m.index, 20))) continue;
    out.push({ type: 'national_id', start: m.index, end: m.index + m[0].length, score: 0.85 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phones

const CN_MOBILE = /(?<![\w+])(?:(?:\+|00)86[ -]?|\(\+?86\)[ ]?)?1[3-9]\d(?:[ .-]?\d{4}){2}(?![\dA-Za-z])/g;
const CN_LANDLINE =
  /(?<![\w+])(?:\(0(?:10|2\d|[3-9]\d{2})\)[ ]?|0(?:10|2\d|[3-9]\d{2})[ -])\d{3,4}[ -]?\d{4}(?:[ ]?(?:ext\.?|x|转|-)[ ]?\d{1,5})?(?![\dA-Za-z])/g;
const CN_LANDLINE_COMPACT = /(?<![\w+])0(?:10|2\d)\d{8}(?![\dA-Za-z])|(?<![\w+])0[3-9]\d{2}\d{7,8}(?![\dA-Za-z])/g;
const DOMESTIC_PHONE = /(?<![\w+])0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}(?![\dA-Za-z])/g;
const UK_MOBILE = /(?<![\w+])07\d{3}[ ]?\d{3}[ ]?\d{3}(?![\dA-Za-z])/g;
const AU_MOBILE = /(?<![\w+])04\d{2}[ ]?\d{3}[ ]?\d{3}(?![\dA-Za-z])/g;
const US_PHONE = /(?<![\w+])(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ ]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?:[ ]?(?:ext\.?|x)[ ]?\d{1,5})?(?![\dA-Za-z])/g;
const INTL_START = /(?<![\w+])\+\d{1,3}(?=[ .(-]?\d)/g;
const INTL_GROUP = /[ .-]?(?:\(\d{1,5}\)|\d{1,5})/y;

const LABELLED_PHONE =
  /(?:phone|tel|telephone|mobile|cell|fax|电话|手机|座机|联系电话|联系方式|手机号码?)\.?\s*(?:no\.?|number|号码)?\s*[:：]?\s*(\+?\d(?:[ .-]?\d){6,14})(?![\dA-Za-z])/gi;

function findPhones(norm: string): Candidate[] {
  const out: Candidate[] = [];
  // Any 7-15 digit number right after a phone label, whatever its national format.
  for (const m of norm.matchAll(LABELLED_PHONE)) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    out.push({ type: 'phone', start, end: start + value.length, score: 0.8 });
  }
  const push = (start: number, end: number, base: number, contextBoost: number, needsContext = false): void => {
    if (hasNonPiiLabel(norm, start)) return;
    const ctx = PHONE_CONTEXT.test(before(norm, start, 25)) || /^\s*[(（]?(?:mobile|cell|tel|office|手机|电话)/i.test(after(norm, end, 10));
    if (needsContext && !ctx) return;
    out.push({ type: 'phone', start, end, score: ctx ? contextBoost : base });
  };
  for (const m of norm.matchAll(CN_MOBILE)) push(m.index, m.index + m[0].length, 0.85, 0.95);
  for (const m of norm.matchAll(CN_LANDLINE)) push(m.index, m.index + m[0].length, 0.7, 0.9);
  for (const m of norm.matchAll(CN_LANDLINE_COMPACT)) push(m.index, m.index + m[0].length, 0.6, 0.85, true);
  for (const m of norm.matchAll(US_PHONE)) push(m.index, m.index + m[0].length, 0.7, 0.9);
  for (const m of norm.matchAll(DOMESTIC_PHONE)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits >= 10 && digits <= 11) push(m.index, m.index + m[0].length, 0.5, 0.8, true);
  }
  for (const m of norm.matchAll(UK_MOBILE)) push(m.index, m.index + m[0].length, 0.7, 0.9);
  for (const m of norm.matchAll(AU_MOBILE)) push(m.index, m.index + m[0].length, 0.65, 0.9);
  for (const m of norm.matchAll(INTL_START)) {
    // Consume digit groups until the E.164 limit of 15 digits would be passed, so a following
    // number ("+44 20 7946 0958 2024") is not swallowed.
    let end = m.index + m[0].length;
    let digits = m[0].length - 1;
    let groups = 0;
    for (;;) {
      INTL_GROUP.lastIndex = end;
      const g = INTL_GROUP.exec(norm);
      if (!g) break;
      const d = g[0].replace(/\D/g, '').length;
      if (digits + d > 15 || groups >= 6) break;
      digits += d;
      end += g[0].length;
      groups++;
    }
    if (digits < 8 || groups === 0 || /[\dA-Za-z]/.test(norm[end] ?? '')) continue;
    push(m.index, end, 0.85, 0.95);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bank accounts: payment cards, IBANs, labelled account numbers

const CARD = /(?<![\w-])(?:\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{13,19})(?![\w])/g;
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;
const LABELLED_ACCOUNT =
  /(?:账号|帐号|账户|卡号|银行账号|开户账号|收款账号|account\s*(?:no\.?|number|#)|acct\.?\s*(?:no\.?|#)?|bank\s*account)\s*[:：]?\s*(\d(?:[ -]?\d){9,24})(?![\w])/gi;

function cardPrefixOk(digits: string): boolean {
  if (/^[3-6]/.test(digits)) return true;
  const six = Number(digits.slice(0, 6));
  return six >= 222100 && six <= 272099;
}

function findBankAccounts(norm: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of norm.matchAll(CARD)) {
    // A trailing short group may be an unrelated number; retry without it before giving up.
    let raw = m[0];
    for (;;) {
      const digits = raw.replace(/\D/g, '');
      if (digits.length >= 13 && digits.length <= 19 && isValidLuhn(digits) && cardPrefixOk(digits)) {
        if (!hasNonPiiLabel(norm, m.index)) {
          const score = CARD_CONTEXT.test(before(norm, m.index, 25)) ? 0.95 : 0.8;
          out.push({ type: 'bank_account', start: m.index, end: m.index + raw.length, score });
        }
        break;
      }
      const cut = raw.search(/[ -]\d+$/);
      if (cut <= 0) break;
      raw = raw.slice(0, cut);
    }
  }
  for (const m of norm.matchAll(IBAN)) {
    let raw = m[0];
    for (;;) {
      if (isValidIban(raw)) {
        out.push({ type: 'bank_account', start: m.index, end: m.index + raw.length, score: 0.95 });
        break;
      }
      const cut = raw.lastIndexOf(' ');
      if (cut <= 4) break;
      raw = raw.slice(0, cut);
    }
  }
  for (const m of norm.matchAll(LABELLED_ACCOUNT)) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    out.push({ type: 'bank_account', start, end: start + value.length, score: 0.85 });
  }
  return out;
}

/** ISO 13616 mod-97 check on an IBAN with or without spaces. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

// ---------------------------------------------------------------------------------------------
// Person names

const UP = 'A-ZÀ-ÖØ-Þ';
const LO = 'a-zß-öø-ÿ';
const EN_WORD = `(?:[${UP}]'[${UP}][${LO}]+|[${UP}][${LO}]*[${UP}]?[${LO}]+(?:-[${UP}][${LO}]+)?)`;
const EN_WORD_AT = new RegExp(`${EN_WORD}(?![${UP}${LO}])`, 'y');
const EN_INITIAL_AT = /[A-Z]\.(?=[ \t]+[A-Z])/y;
const EN_GAP_AT = /[ \t]+/y;

/** Reads up to `maxWords` capitalised name words (middle initials allowed) starting at `pos`. */
function readEnName(norm: string, pos: number, maxWords = 3): { start: number; end: number; words: string[] } | null {
  const words: string[] = [];
  let cur = pos;
  let end = pos;
  // "K. Osei": a leading initial belongs to the name but is not a word of its own.
  const lead = /^[A-Z]\.[ \t]*(?=[A-Z][a-z])/.exec(norm.slice(pos, pos + 8));
  if (lead) cur += lead[0].length;
  while (words.length < maxWords) {
    let at = cur;
    if (words.length > 0) {
      EN_GAP_AT.lastIndex = at;
      const gap = EN_GAP_AT.exec(norm);
      if (!gap) break;
      at += gap[0].length;
      EN_INITIAL_AT.lastIndex = at;
      const initial = EN_INITIAL_AT.exec(norm);
      if (initial) {
        at += initial[0].length;
        EN_GAP_AT.lastIndex = at;
        const gap2 = EN_GAP_AT.exec(norm);
        if (!gap2) break;
        at += gap2[0].length;
      }
    }
    EN_WORD_AT.lastIndex = at;
    const w = EN_WORD_AT.exec(norm);
    if (!w || EN_NAME_STOP_WORDS.has(w[0])) break;
    words.push(w[0]);
    cur = at + w[0].length;
    end = cur;
  }
  if (words.length === 0) return null;
  // "Chen W.": a trailing initial.
  const trail = /^[ \t]+[A-Z]\.(?![A-Za-z])/.exec(norm.slice(end, end + 4));
  if (trail && words.length === 1) end += trail[0].length;
  return { start: pos, end, words };
}

const EN_HONORIFIC_RE = new RegExp(String.raw`\b(?:${EN_HONORIFICS.join('|')})\.?[ \t]+(?=[A-Z])`, 'g');
const EN_LABEL_RE =
  /\b(?:Name|Full [Nn]ame|Claimant|Contact(?: [Pp]erson)?|Inspector|Inspected [Bb]y|Prepared [Bb]y|Approved [Bb]y|Reviewed [Bb]y|Checked [Bb]y|Reported [Bb]y|Submitted [Bb]y|Verified [Bb]y|Witnessed [Bb]y|Signed [Bb]y|Signed|Signature|Policyholder|Policy [Hh]older|Insured|Attn|Attention|Driver|Technician|Owner|Applicant|Requester|Recipient|Assignee|Auditor|Engineer|Handler|Adjuster|Cc|From|To|Author|Operator|Customer [Nn]ame|Insp\.?|Inspected|Member|Patient|Passenger|Traveller|Traveler|Name of (?:the )?(?:claimant|insured|policyholder|driver)|Account [Hh]older|Cardholder)[ \t]*[:：][ \t]*(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+)?/g;
/** `Inspected by` and `inspected by` alike, without making the name's capital letter optional. */
function cueRegExp(cues: readonly string[], tail: string): RegExp {
  const alts = cues.map((c) => `[${c[0]?.toUpperCase()}${c[0]?.toLowerCase()}]${c.slice(1).replace(/\./g, '\\.')}`);
  return new RegExp(String.raw`\b(?:${alts.join('|')})${tail}`, 'g');
}
const EN_BY_RE = cueRegExp(
  [
    'inspected by', 'prepared by', 'approved by', 'reviewed by', 'checked by', 'reported by', 'submitted by', 'verified by',
    'witnessed by', 'signed by', 'written by', 'issued by', 'handled by', 'raised by', 'filed by', 'confirmed by', 'performed by',
    'assigned to', 'escalated to', 'forwarded to', 'contact', 'contacted', 'call', 'called', 'ask for', 'attention of',
    'on behalf of', 'my name is', 'name is', 'account holder', 'cardholder', 'card holder',
  ],
  String.raw`[ \t]+(?=[A-Z])`,
);
const EN_TITLE_RE = cueRegExp(
  ['inspector', 'engineer', 'technician', 'adjuster', 'claimant', 'supervisor', 'operator', 'driver', 'dear', 'hi', 'hello', 'attn.', 'attn'],
  String.raw`[ \t]+(?=[A-Z])`,
);
const EN_INLINE_SIGNOFF_RE = cueRegExp(['thanks', 'many thanks', 'regards', 'best regards', 'cheers', 'sincerely'], String.raw`[,!.]?[ \t]+(?=[A-Z])`);
const EN_SIGNOFF_RE =
  /(?:^|\n)[ \t]*(?:Best regards|Kind regards|Warm regards|Regards|Sincerely|Yours sincerely|Yours faithfully|Yours truly|Best wishes|Best|Thanks|Thank you|Many thanks|Cheers|Respectfully)[ \t]*[,.!]?[ \t]*\r?\n[ \t]*(?=[A-Z])/g;
const EN_SLASH_S_RE = /(?:\/s\/|(?:^|\s)(?:--|—|–|~))[ \t]*(?=[A-Z])/g;
const EN_WROTE_RE = new RegExp(`(?:^|\\n)[ \\t]*(${EN_WORD}(?:[ \\t]+${EN_WORD}){1,2})[ \\t]+wrote:`, 'g');

function findEnNames(norm: string): Candidate[] {
  const out: Candidate[] = [];
  const fromCue = (re: RegExp, score: number, minWords: number): void => {
    for (const m of norm.matchAll(re)) {
      const name = readEnName(norm, m.index + m[0].length);
      if (!name || name.words.length < minWords) continue;
      out.push({ type: 'person_name', start: name.start, end: name.end, score });
    }
  };
  fromCue(EN_HONORIFIC_RE, 0.85, 1);
  fromCue(EN_LABEL_RE, 0.85, 1);
  fromCue(EN_SIGNOFF_RE, 0.8, 1);
  fromCue(EN_SLASH_S_RE, 0.85, 1);
  fromCue(EN_TITLE_RE, 0.75, 1);
  fromCue(EN_BY_RE, 0.7, 2);
  fromCue(EN_INLINE_SIGNOFF_RE, 0.7, 2);
  // "Ian Murray 07723 456 789", "Emma Wilson, 0412 345 678": two or three name words right before a phone.
  for (const p of findPhones(norm)) {
    const m = new RegExp(`(?:^|[^A-Za-z])(${EN_WORD}(?:[ \\t]+${EN_WORD}){1,2}),?[ \\t]+$`).exec(norm.slice(Math.max(0, p.start - 50), p.start));
    const name = m?.[1];
    if (!m || !name || name.split(/[ \t]+/).some((w) => EN_NAME_STOP_WORDS.has(w))) continue;
    const start = Math.max(0, p.start - 50) + m.index + m[0].indexOf(name);
    out.push({ type: 'person_name', start, end: start + name.length, score: 0.65 });
  }
  for (const m of norm.matchAll(EN_WROTE_RE)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].indexOf(name);
    out.push({ type: 'person_name', start, end: start + name.length, score: 0.75 });
  }
  // "Dana Price, dana.price@yahoo.com": capitalised words that spell the address's local part.
  for (const m of norm.matchAll(EMAIL)) {
    const tokens = (m[0].split('@')[0] ?? '').toLowerCase().split(/[._-]+/).filter((t) => t.length >= 2);
    if (tokens.length === 0) continue;
    const windowStart = Math.max(0, m.index - 60);
    const nameRe = new RegExp(`${EN_WORD}(?:[ \\t]+${EN_WORD}){0,2}`, 'g');
    for (const n of norm.slice(windowStart, m.index).matchAll(nameRe)) {
      const words = n[0].split(/[ \t]+/);
      if (words.some((w) => EN_NAME_STOP_WORDS.has(w))) continue;
      const lower = words.map((w) => w.toLowerCase());
      if (lower.filter((w) => tokens.some((t) => t === w || t.startsWith(w) || w.startsWith(t) && t.length >= 3)).length >= Math.min(2, words.length) && words.length >= 2) {
        out.push({ type: 'person_name', start: windowStart + n.index, end: windowStart + n.index + n[0].length, score: 0.7 });
      }
    }
  }
  // No cue: a known given name followed by a capitalised surname.
  for (const m of norm.matchAll(new RegExp(`(?<![A-Za-z])${EN_WORD}(?=[ \\t]+[A-Z])`, 'g'))) {
    if (!EN_GIVEN_NAMES.has(m[0])) continue;
    const name = readEnName(norm, m.index);
    if (name && name.words.length >= 2) out.push({ type: 'person_name', start: name.start, end: name.end, score: 0.65 });
  }
  return out;
}

function zhSurnameLength(norm: string, pos: number): number {
  const two = norm.slice(pos, pos + 2);
  if (ZH_COMPOUND_SURNAMES.includes(two)) return 2;
  return ZH_SURNAMES.has(norm[pos] ?? '') ? 1 : 0;
}

const CJK = /[\u4e00-\u9fff]/;

/** Surname + one or two given characters at `pos`, or null when `pos` holds no surname. */
function readZhName(norm: string, pos: number): { start: number; end: number } | null {
  const s = zhSurnameLength(norm, pos);
  if (s === 0) return null;
  let given = 0;
  while (given < 2 && CJK.test(norm[pos + s + given] ?? '')) {
    const ch = norm[pos + s + given] ?? '';
    const stops = given === 0 ? ZH_FIRST_GIVEN_STOP_CHARS : ZH_NAME_STOP_CHARS;
    if (stops.has(ch) || ZH_NAME_SUFFIXES.some((x) => norm.startsWith(x, pos + s + given))) break;
    given++;
  }
  // A bare surname only stands as a name when a title follows ("王先生"); label cues need a given name.
  if (given === 0) return null;
  return { start: pos, end: pos + s + given };
}

const ZH_LABEL_RE = new RegExp(`(?:${[...ZH_NAME_LABELS].sort((a, b) => b.length - a.length).join('|')})[ \\t]*[:：]?[ \\t]*`, 'g');
const ZH_SUFFIX_RE = new RegExp(`(?:${ZH_NAME_SUFFIXES.join('|')})`, 'g');
const ZH_SIGNATURE_RE = /(?:(?:此致|敬礼|谢谢|顺颂商祺|祝好)[！!，,。]?\s*\n|——|--)[ \t]*/g;
/** "。杨柳 手机1388...": a name standing right before a phone label. */
const ZH_NAME_BEFORE_PHONE = /(?<=^|[\s，,。；;：:])([\u4e00-\u9fff]{2,4})[ \t]*(?=(?:手机|电话|联系电话|tel|Tel)[:：]?[ \t]*\+?\d)/g;

function findZhNames(norm: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of norm.matchAll(ZH_LABEL_RE)) {
    const pos = m.index + m[0].length;
    // "我是车主王建国": the next label's match owns the name.
    if (ZH_NAME_LABELS.some((l) => norm.startsWith(l, pos))) continue;
    const name = readZhName(norm, pos);
    if (name) out.push({ type: 'person_name', ...name, score: 0.85 });
  }
  for (const m of norm.matchAll(ZH_SIGNATURE_RE)) {
    const name = readZhName(norm, m.index + m[0].length);
    if (name && !CJK.test(norm[name.end] ?? '')) out.push({ type: 'person_name', ...name, score: 0.75 });
  }
  for (const m of norm.matchAll(ZH_NAME_BEFORE_PHONE)) {
    const name = readZhName(norm, m.index);
    if (name && name.end === m.index + (m[1] ?? '').length) out.push({ type: 'person_name', ...name, score: 0.7 });
  }
  // "张伟先生", "李女士": walk back from the title to the longest surname-led span.
  for (const m of norm.matchAll(ZH_SUFFIX_RE)) {
    for (let len = 3; len >= 1; len--) {
      const start = m.index - len;
      if (start < 0) continue;
      const piece = norm.slice(start, m.index);
      if (!Array.from(piece).every((c) => CJK.test(c))) continue;
      const s = zhSurnameLength(norm, start);
      if (s === 0 || s > len) continue;
      const givenChars = Array.from(piece.slice(s));
      if (givenChars.some((c) => ZH_NAME_STOP_CHARS.has(c))) continue;
      out.push({ type: 'person_name', start, end: m.index, score: 0.8 });
      break;
    }
  }
  return out;
}

function findNames(norm: string): Candidate[] {
  const found = [...findEnNames(norm), ...findZhNames(norm)];
  // A name found once by a cue is a name everywhere else in the same text ("Mr. Smith ... Smith said").
  const seen = new Set<string>();
  for (const c of found) {
    const full = norm.slice(c.start, c.end);
    seen.add(full);
    const parts = full.split(/[ \t]+/);
    const last = parts[parts.length - 1];
    if (parts.length > 1 && last && last.length >= 3 && !EN_NAME_STOP_WORDS.has(last)) seen.add(last);
  }
  for (const name of seen) {
    if (Array.from(name).length < 2) continue;
    const latin = /^[A-Za-z]/.test(name);
    let from = 0;
    for (;;) {
      const i = norm.indexOf(name, from);
      if (i < 0) break;
      from = i + name.length;
      if (latin && (/[A-Za-z]/.test(norm[i - 1] ?? '') || /[A-Za-z]/.test(norm[i + name.length] ?? ''))) continue;
      found.push({ type: 'person_name', start: i, end: i + name.length, score: 0.7 });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Addresses

const EN_STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Close|Crescent|Square|Sq|Lu|Jie|Dadao';
const EN_STREET = new RegExp(
  String.raw`(?<![\w-])(?:No\.?[ \t]*)?\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?(?:[ \t]+[A-Z][a-z]+\.?){1,4}[ \t]+(?:${EN_STREET_TYPES})\b\.?`,
  'g',
);
const EN_UNIT_START = /\b(?:Room|Rm|Apt|Apartment|Suite|Ste|Unit|Flat)\.?[ \t]*#?\d+[A-Za-z]?(?=,)/g;
const EN_PO_BOX = /\bP\.?[ \t]?O\.?[ \t]+Box[ \t]+\d{1,6}/g;
const EN_ADDRESS_LABEL = /\b(?:Address|Home address|Mailing address|Shipping address|Residential address)[ \t]*[:：][ \t]*/gi;
const EN_ADDRESS_PART = new RegExp(
  String.raw`,?[ \t]*(?:(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Building|Bldg|Room|Rm)\.?[ \t]*#?[\w-]+|[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|\d{5,6}|(?:No\.?[ \t]*)?\d{1,5}[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2}[ \t]+(?:${EN_STREET_TYPES})\b\.?|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})(?![\w])`,
  'y',
);

function extendEnAddress(norm: string, end: number, maxParts = 5): number {
  let cur = end;
  for (let i = 0; i < maxParts; i++) {
    EN_ADDRESS_PART.lastIndex = cur;
    const m = EN_ADDRESS_PART.exec(norm);
    if (!m) break;
    const postcodeOnly = /^[ \t]+(?:[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})$/.test(m[0]);
    if (!m[0].startsWith(',') && !postcodeOnly) break;
    const word = m[0].replace(/^,?[ \t]*/, '').split(/[ \t]/)[0] ?? '';
    if (EN_NAME_STOP_WORDS.has(word) && !/^(?:Room|Unit|Suite|Floor|Building|District|City|Province)$/.test(word)) break;
    cur += m[0].length;
  }
  return cur;
}

function findEnAddresses(norm: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of norm.matchAll(EN_STREET)) {
    out.push({ type: 'address', start: m.index, end: extendEnAddress(norm, m.index + m[0].length), score: 0.75 });
  }
  for (const m of norm.matchAll(EN_UNIT_START)) {
    const end = extendEnAddress(norm, m.index + m[0].length);
    // Only an address if a street follows; "Room 3, Line 2" is a factory location.
    if (new RegExp(String.raw`\b(?:${EN_STREET_TYPES})\b`).test(norm.slice(m.index, end))) {
      out.push({ type: 'address', start: m.index, end, score: 0.78 });
    }
  }
  for (const m of norm.matchAll(EN_PO_BOX)) {
    out.push({ type: 'address', start: m.index, end: extendEnAddress(norm, m.index + m[0].length), score: 0.75 });
  }
  for (const m of norm.matchAll(EN_ADDRESS_LABEL)) {
    const start = m.index + m[0].length;
    const lineEnd = norm.indexOf('\n', start);
    const raw = norm.slice(start, lineEnd < 0 ? norm.length : lineEnd);
    const trimmed = raw.replace(/[\s.;]+$/, '');
    if (/\d/.test(trimmed) && trimmed.length >= 8) out.push({ type: 'address', start, end: start + trimmed.length, score: 0.8 });
  }
  return out;
}

const ZH_ADDRESS_PART =
  /(?:[\u4e00-\u9fff]{1,7}?(?:特别行政区|自治区|自治州|自治县|新区|开发区|高新区|工业园区|工业园|园区|街道|社区|地区|省|市|区|县|旗|镇|乡|村|盟)|[\u4e00-\u9fff\dA-Za-z]{1,10}?(?:大道|大街|胡同|路|街|巷|弄|里|段)|(?:[\dA-Za-z]+(?:-\d+)*|[一二三四五六七八九十百零]+)(?:号楼|号院|号|栋|幢|座|单元|室|楼|层|F|户)|[\u4e00-\u9fff]{2,8}?(?:小区|花园|大厦|广场|中心|公寓|家园|新村|苑|城))/y;
const ZH_ADDRESS_LABEL = /(?:家庭住址|通讯地址|联系地址|收货地址|邮寄地址|居住地址|户籍地址|现住址|住址|地址|住所|寄往|寄至|家住|住在)[ \t]*(?:[:：]|为|是)?[ \t]*/g;
const ZH_PLACE_START = new RegExp(`(?:${[...ZH_PROVINCES, ...ZH_CITIES].join('|')})(?:省|市|自治区|特别行政区)`, 'g');
const ZH_ROAD_NUMBER = /[\u4e00-\u9fff]{2,5}(?:路|大道|大街|街)(?:\d+|[一二三四五六七八九十百]+)号/g;
const ZH_NOT_TOPONYM_LEAD = /^[位于在住家寄往至到送是为从的地址：:发货收件]+/;
const ZH_STREET_LEVEL = /(?:路|街|道|巷|弄|胡同|号|村|小区|花园|大厦|室|栋|幢|单元|楼|园区|工业园)/;

function extendZhAddress(norm: string, start: number): { end: number; parts: string[] } {
  const parts: string[] = [];
  let cur = start;
  for (let i = 0; i < 12; i++) {
    ZH_ADDRESS_PART.lastIndex = cur;
    const m = ZH_ADDRESS_PART.exec(norm);
    if (!m) break;
    parts.push(m[0]);
    cur += m[0].length;
  }
  return { end: cur, parts };
}

function findZhAddresses(norm: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of norm.matchAll(ZH_ADDRESS_LABEL)) {
    const start = m.index + m[0].length;
    const { end, parts } = extendZhAddress(norm, start);
    if (parts.length >= 1 && ZH_STREET_LEVEL.test(parts.join(''))) out.push({ type: 'address', start, end, score: 0.85 });
  }
  for (const m of norm.matchAll(ZH_PLACE_START)) {
    const { end, parts } = extendZhAddress(norm, m.index);
    // "发往上海市" is a destination, not an address: ask for a street-level part.
    if (parts.length >= 2 && ZH_STREET_LEVEL.test(parts.slice(1).join(''))) {
      out.push({ type: 'address', start: m.index, end, score: 0.8 });
    }
  }
  for (const m of norm.matchAll(ZH_ROAD_NUMBER)) {
    const lead = ZH_NOT_TOPONYM_LEAD.exec(m[0]);
    const start = m.index + (lead ? lead[0].length : 0);
    const { end } = extendZhAddress(norm, start);
    out.push({ type: 'address', start, end: Math.max(end, m.index + m[0].length), score: 0.7 });
  }
  return out;
}

function findAddresses(norm: string): Candidate[] {
  return [...findEnAddresses(norm), ...findZhAddresses(norm)];
}
