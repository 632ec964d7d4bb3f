/**
 * The regex/dictionary baseline: what careful hand-written patterns find without a model. It exists
 * to be measured against the sequence model on the same hand-written set, so it is an honest effort
 * (captions in both languages, the taxonomy's dictionaries, shape patterns for ids, dates, amounts,
 * phones, measurements) but deliberately not tuned document by document.
 */
import { spanLabelsOf, type DocumentKind, type Span, type SpanLabel } from '../schema/fields';
import { chineseDefectWords, isKnownDefect } from '../normalize/taxonomy';

interface Candidate extends Span {
  priority: number;
}

const ID = String.raw`[A-Za-z0-9０-９Ａ-Ｚ][A-Za-z0-9０-９Ａ-Ｚ\-－/._]*[A-Za-z0-9０-９Ａ-Ｚ]|[0-9０-９]`;
const SEP = String.raw`\s*(?:no\.?|number|nr\.?|num|#|ref\.?|id)?\s*[:：#.]?\s*`;
const D = String.raw`[0-9０-９]`;

class Collector {
  readonly out: Candidate[] = [];
  /** `wanted`: labels worth matching at all (the serving path needs only the fields rules supply). */
  constructor(
    private readonly text: string,
    private readonly wanted?: ReadonlySet<SpanLabel>,
  ) {}

  /** Whether any of `labels` is wanted: loops that compute spans before add() filters them skip early. */
  wants(...labels: SpanLabel[]): boolean {
    return this.wanted === undefined || labels.some((l) => this.wanted?.has(l));
  }

  add(label: SpanLabel, start: number, end: number, priority: number): void {
    if (this.wanted && !this.wanted.has(label)) return;
    let a = start;
    let b = end;
    while (a < b && /[\s,，。.;；:：()（）"'“”]/.test(this.text[a] ?? '')) a++;
    while (b > a && /[\s,，。;；:：()（）"'“”]/.test(this.text[b - 1] ?? '')) b--;
    // A trailing full stop is sentence punctuation unless it ends an abbreviation like "W.".
    if (b > a && this.text[b - 1] === '.' && !/\b[A-Z]\.$/.test(this.text.slice(a, b))) b--;
    if (b > a) this.out.push({ label, start: a, end: b, priority });
  }

  /** Every match of `re`; the span is the named group `v` (or the whole match). */
  each(re: RegExp, label: SpanLabel, priority: number, accept?: (v: string, m: RegExpExecArray) => boolean): void {
    if (this.wanted && !this.wanted.has(label)) return;
    const flags = re.flags.includes('d') ? re.flags : `${re.flags}d`;
    const g = new RegExp(re.source, flags.includes('g') ? flags : `${flags}g`);
    for (const m of this.text.matchAll(g)) {
      const idx = m.indices?.groups?.['v'] ?? m.indices?.[0];
      if (!idx) continue;
      const v = this.text.slice(idx[0], idx[1]);
      if (accept && !accept(v, m as RegExpExecArray)) continue;
      this.add(label, idx[0], idx[1], priority);
    }
  }
}

const hasDigit = (v: string): boolean => /[0-9０-９]/.test(v);

function identifiers(c: Collector): void {
  const cap = (words: string, label: SpanLabel, priority = 6): void => {
    if (c.wants(label)) c.each(new RegExp(String.raw`(?:^|[^A-Za-z])(?:${words})${SEP}(?<v>${ID})`, 'gi'), label, priority, hasDigit);
  };
  cap(String.raw`work order|order|w/?o|p\.?o\.?|s\.?o\.?|m\.?o\.?|repair order`, 'order_number');
  cap(String.raw`工单号|工单|生产订单|订单号|订单|生产工单`, 'order_number');
  c.each(/\b(?<v>(?:WO|MO|SO|PO)-[A-Z0-9-]*\d[A-Z0-9-]*)\b/g, 'order_number', 5);
  cap(String.raw`part|p/n|pn|part#|causal part|part replaced|parts`, 'part_number');
  cap(String.raw`件号|零件号|料号|物料编码|物料号|产品料号|零件|产品|配件|更换件号|更换新件|换新件`, 'part_number');
  cap(String.raw`lot|lots|heat lot|batch|lot#`, 'lot_number');
  cap(String.raw`批次号|批次|批号|炉批号|生产批号`, 'lot_number');
  c.each(/(?:批次|批号|lots?)\s*[:：]?\s*[A-Z0-9-]+\s*(?:and|、|和|,)\s*(?<v>[A-Z0-9][A-Z0-9-]*\d[A-Z0-9-]*)/gi, 'lot_number', 6);
  cap(String.raw`s/n|serial|sn|vin|vin/frame|imei|frame`, 'serial_number');
  cap(String.raw`vin码|车架号|序列号|机身编号|产品编号|编号|产品序列号`, 'serial_number');
  c.each(/\b(?<v>(?=[A-HJ-NPR-Z0-9]*[A-Z])(?=[A-HJ-NPR-Z0-9]*\d)[A-HJ-NPR-Z0-9]{17})\b/g, 'serial_number', 7);
  cap(String.raw`claim|clm|claim ref|dealer claim#|claim id|case|ref`, 'claim_number');
  cap(String.raw`报案号|索赔单号|索赔号|理赔号|案件号|案件编号|索赔编号|理赔编号|单号|索赔单|案件`, 'claim_number');
  cap(String.raw`policy|policy ref is|our policy ref is`, 'policy_number');
  cap(String.raw`保单号|保单|会员号`, 'policy_number');
  c.each(new RegExp(String.raw`(?<![0-9０-９])(?<v>${D}{6}(?:19|20|１９|２０)${D}{2}${D}{4}${D}{3}[0-9０-９Xx])(?![0-9０-９])`, 'g'), 'national_id', 9);
  c.each(/(?:身份证号?|证件号码?|ID(?: no\.?)?)\s*[:：]?\s*(?<v>\d{15,18}[Xx]?)/g, 'national_id', 8);
}

function contacts(c: Collector): void {
  c.each(/(?<v>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, 'email', 9);
  // Chinese mobiles (optionally +86), landlines with area code, international numbers with +, NANP.
  c.each(/(?<![\d０-９])(?<v>(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?![\d])/g, 'phone', 8);
  c.each(/(?<![\d０-９])(?<v>１[３-９][０-９][\s　]?[０-９]{4}[\s　]?[０-９]{4})(?![０-９])/g, 'phone', 8);
  c.each(/(?<![\d])(?<v>[(（]?0\d{2,3}[)）]?[\s-]?\d{3,4}[\s-]?\d{4})(?![\d])/g, 'phone', 7);
  c.each(/(?<v>\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5})(?![\d])/g, 'phone', 7);
  c.each(/(?<![\d])(?<v>\(\d{3}\)\s?\d{3}-\d{4}|\d{3}-\d{3}-\d{4})(?![\d])/g, 'phone', 7);
  c.each(/(?<![\d])(?<v>[48]00-?\d{3}-?\d{4})(?![\d])/g, 'phone', 7);
}

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)day\s+)?`;
const DATE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`(?<v>(?:${D}{2,4}\s*年\s*)?${D}{1,2}\s*月\s*${D}{1,2}\s*[日号])`, 'g'),
  new RegExp(String.raw`(?<![0-9０-９])(?<v>(?:19|20|１９|２０)${D}{2}[-/.－／．]${D}{1,2}[-/.－／．]${D}{1,2})(?![0-9０-９])`, 'g'),
  new RegExp(String.raw`(?<![0-9０-９.])(?<v>${D}{1,2}[-/.／]${D}{1,2}[-/.／](?:${D}{4}|${D}{2}))(?![0-9０-９])`, 'g'),
  new RegExp(String.raw`(?<v>${WEEKDAY}\d{1,2}(?:st|nd|rd|th)?[\s-]+${MONTH}(?:[\s,-]+\d{2,4})?)\b`, 'gi'),
  new RegExp(String.raw`(?<v>${WEEKDAY}${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)\b`, 'gi'),
];

function dates(c: Collector, text: string, kind: DocumentKind): void {
  if (!c.wants('inspection_date', 'report_date', 'incident_date')) return;
  for (const re of DATE_PATTERNS) {
    const g = new RegExp(re.source, `${re.flags.includes('i') ? 'i' : ''}gd`);
    for (const m of text.matchAll(g)) {
      const idx = m.indices?.groups?.['v'];
      if (!idx) continue;
      const before = text.slice(Math.max(0, idx[0] - 24), idx[0]).toLowerCase();
      let label: SpanLabel;
      if (kind === 'inspection') label = 'inspection_date';
      else if (/(report|submit|receiv|opened|date in|repair date|报案日期|报案时间|受理|报修|报案日|提交)[^\n]*$/.test(before)) label = 'report_date';
      else label = 'incident_date';
      c.add(label, idx[0], idx[1], 7);
    }
  }
}

function amounts(c: Collector): void {
  const NUM = String.raw`\d[\d,.\s]*\d|\d`;
  c.each(new RegExp(String.raw`(?<v>(?:US\$|HK\$|A\$|C\$|[$€£¥￥₽])\s?(?:${NUM})(?:\s?(?:k|万|万元|元))?)`, 'g'), 'amount', 8);
  c.each(new RegExp(String.raw`(?<v>\b(?:USD|EUR|GBP|CNY|RMB|HKD|CAD|AUD|RUB|JPY|CHF)\s?(?:${NUM})(?:\s?(?:万|元))?)`, 'g'), 'amount', 8);
  c.each(/(?<v>人民币\s?[\d,.]+\s?(?:万元|元|万)?)/g, 'amount', 8);
  c.each(/(?<![\dA-Za-z\-])(?<v>\d[\d,]*(?:\.\d+)?\s?(?:万元|万|元|块钱|块|美元|欧元|英镑|港元|港币))/g, 'amount', 7);
  c.each(/(?:amount|total|claimed|estimate|estimated value|reserve|billed|金额|费用|估损|损失|赔偿|索赔|申请金额|核定金额)[^\d\n]{0,12}(?<v>\d[\d,]*(?:\.\d+)?)(?![\d.,])/gi, 'amount', 5);
}

const UNIT = String.raw`(?:mm|µm|μm|um|cm|in|bar|Nm|N·m|HRC|%|kg|g|ｍｍ)`;
const NUMBER = String.raw`\d+(?:[.,]\d+)?|[０-９]+(?:．[０-９]+)?`;

function measurements(c: Collector): void {
  // Specs first (higher priority) so a toleranced nominal is not taken for a measured value.
  c.each(new RegExp(String.raw`(?<v>[Φ]?(?:${NUMBER})\s*(?:±|\+/-)\s*(?:${NUMBER})\s*${UNIT}?)`, 'g'), 'spec_limit', 8);
  c.each(new RegExp(String.raw`(?<v>(?:${NUMBER})\s*[+-](?:${NUMBER})\s*/\s*[+-](?:${NUMBER}))`, 'g'), 'spec_limit', 8);
  c.each(new RegExp(String.raw`(?<v>(?:max|min|≤|≥|最小允许|最小|最大|不大于|不小于)\s*(?:${NUMBER})\s*${UNIT}?)`, 'gi'), 'spec_limit', 8);
  c.each(new RegExp(String.raw`(?<v>(?:${NUMBER})\s*${UNIT}\s*max)\b`, 'gi'), 'spec_limit', 8);
  c.each(new RegExp(String.raw`(?:spec|要求|标准|drawing|规格)\s*(?:Ra\s*)?(?<v>(?:${NUMBER})\s*[-~～－]\s*(?:${NUMBER})\s*${UNIT}?)`, 'gi'), 'spec_limit', 8);
  c.each(new RegExp(String.raw`(?:tol|公差|limit|限制)\s*(?<v>(?:${NUMBER})\s*${UNIT}?)`, 'gi'), 'spec_limit', 6);
  c.each(new RegExp(String.raw`(?<![\w.])(?<v>(?:${NUMBER})\s*${UNIT})(?![\w])`, 'g'), 'measurement', 5);
  c.each(new RegExp(String.raw`(?:measured|实测|孔径|外径|位置度|孔距|dia|OD|Ra|硬度|长度|length)\s*(?:Φ)?(?<v>Φ?(?:${NUMBER})(?:\s*${UNIT})?)`, 'g'), 'measurement', 6);
}

function counts(c: Collector): void {
  const PCS = String.raw`(?:pcs|pieces|pc|units|ea|sets)`;
  const CN = String.raw`(?:件|台|个|只|套|箱|片|颗|根|块|pcs)`;
  c.each(/(?<![\w.-])(?<v>\d+)\s*(?:of|out of)\s*\d+\b/g, 'quantity', 6);
  c.each(/(?<![\w.-])\d+\s*(?:of|out of)\s*(?<v>\d+)\b/g, 'sample_size', 6);
  c.each(/(?<![\w.\-/])(?<v>[0-9０-９]+)\s*\/\s*[0-9０-９]+(?![\w./-])/g, 'quantity', 4);
  c.each(/(?<![\w.\-/])[0-9０-９]+\s*\/\s*(?<v>[0-9０-９]+)(?![\w./-])/g, 'sample_size', 4);
  c.each(new RegExp(String.raw`(?:sample(?: size)?|qty inspected|inspected|抽样数|抽检|抽样|抽|共测了|总共测了|中)\s*[:：]?\s*(?<v>\d+\s*(?:${CN}|${PCS})?)`, 'gi'), 'sample_size', 7);
  c.each(new RegExp(String.raw`(?:qty(?: rej| nc)?|rejects|rej|affected|不良数|不良|不合格|数量|共)\s*[:：]?\s*(?<v>[0-9０-９]+\s*(?:${CN}|${PCS})?)`, 'gi'), 'quantity', 6);
  c.each(new RegExp(String.raw`(?<![\w.\-/])(?<v>\d+\s*${PCS})\b`, 'gi'), 'quantity', 5);
  c.each(new RegExp(String.raw`(?<![\w.\-/０-９])(?<v>[0-9０-９]+\s*${CN})`, 'g'), 'quantity', 4);
  c.each(/(?<v>[x×][0-9]+)\b/g, 'quantity', 4);
}

const SEVERITY_EN = /\b(?<v>minor|major|critical|crit)\b/gi;
const SEVERITY_ZH = /(?<v>轻微|致命|A类)|(?:等级|严重度|缺陷等级)\s*[:：]?\s*(?<w>严重|一般|轻微|致命)|(?<x>严重|一般)缺陷/g;
const DISPOSITION_EN =
  /\b(?<v>use[- ]as[- ]is|uai|rework(?:ed)?|scrap(?:ped)?|hold|quarantined?|return to (?:supplier|vendor|foundry)|rtv|rts|repaired|acceptable|ok to fly|return to service)\b/gi;
const DISPOSITION_ZH = /(?<v>让步接收|让步使用|特采|返工|返修|报废|隔离|冻结|暂扣|封存|待定|停场|退货|退回供应商|退供应商|拒收|放行|修复|修理|挑选)/g;
// Defect words come from the taxonomy the normalisers use, not from a list of their own: the baseline
// finds what the product's dictionary knows, and misses the rest (unlisted defects) as it would in use.
const DEFECT_PHRASES_EN =
  /\b(?<v>missing \w+|foreign (?:material|object|matter|body)|air bubbles?|metal chips|out of (?:flat|round|tolerance|position)|too (?:long|short|big|small))\b/gi;
const DEFECT_ZH = new RegExp(`(?<v>${chineseDefectWords().sort((a, b) => b.length - a.length).join('|')})`, 'g');

function defectWords(c: Collector, text: string): void {
  if (!c.wants('defect_type')) return;
  c.each(DEFECT_PHRASES_EN, 'defect_type', 6);
  for (const m of text.matchAll(/[A-Za-z][A-Za-z-]*/g)) {
    const w = m[0];
    if (w.length >= 3 && isKnownDefect(w) && m.index !== undefined) c.add('defect_type', m.index, m.index + w.length, 5);
  }
  c.each(DEFECT_ZH, 'defect_type', 5);
}

function dictionaries(c: Collector, text: string): void {
  c.each(SEVERITY_EN, 'severity', 6);
  for (const m of text.matchAll(new RegExp(SEVERITY_ZH.source, 'gd'))) {
    for (const k of ['v', 'w', 'x']) {
      const idx = m.indices?.groups?.[k];
      if (idx) c.add('severity', idx[0], idx[1], 6);
    }
  }
  c.each(DISPOSITION_EN, 'disposition', 6);
  c.each(DISPOSITION_ZH, 'disposition', 6);
  defectWords(c, text);
}

/** Places next to a defect word: "<defect> on/at/in the <location>" (English), 外壳划伤 (Chinese). */
function placesOfDefects(c: Collector, text: string): void {
  // English: up to punctuation or a preposition.
  for (const m of text.matchAll(/[A-Za-z][A-Za-z-]*\s+(?:found\s+)?(?:on|at|in|near)\s+(?:the\s+)?(?<v>[a-z][a-z0-9 #/-]{2,40}?)(?=[,.;:(]|\s+(?:of|from|after|during|pending)\b|$)/dgim)) {
    const word = /^[A-Za-z-]+/.exec(m[0])?.[0] ?? '';
    const idx = m.indices?.groups?.['v'];
    if (idx && isKnownDefect(word)) c.add('defect_location', idx[0], idx[1], 3);
  }
  // Chinese: the noun right before a defect word (外壳划伤, 阀体渗漏), 2–8 CJK characters.
  const zhDefect = DEFECT_ZH.source.replace('(?<v>', '(?:');
  for (const m of text.matchAll(new RegExp(String.raw`(?<v>[\u4e00-\u9fa5A-Za-z0-9]{2,8}?)(?=${zhDefect})`, 'gd'))) {
    const idx = m.indices?.groups?.['v'];
    if (!idx) continue;
    let start = idx[0];
    const v = text.slice(idx[0], idx[1]);
    // Drop leading verbs/captions that are not part of the place.
    const lead = /^(?:发现|出现|有|为|问题|不良|现象|描述|外观|检验|发生)+/.exec(v);
    if (lead) start += lead[0].length;
    if (idx[1] - start >= 2 && !/\d/.test(text.slice(start, idx[1]))) c.add('defect_location', start, idx[1], 3);
  }
}

function places(c: Collector, text: string): void {
  if (c.wants('defect_location')) placesOfDefects(c, text);
  // Claims: captioned incident places and street addresses.
  c.each(/(?:location|place of incident|地点|出险地点|事故地点|地址)\s*[.：:]*\s*(?<v>[^\n,，。；;]{2,50})/gi, 'location', 6);
  c.each(/在(?<v>[\u4e00-\u9fa5]{2,6}(?:市|省|区|县|路|街|港|机场|仓库|店)[\u4e00-\u9fa50-9号栋]{0,16}?)(?=[，,。被发时充骑提]|$)/g, 'location', 4);
  c.each(/(?<v>\d{1,5}\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+(?:St|Street|Rd|Road|Ave|Avenue|Dr|Drive|Lane|Blvd)\b[^\n;()]{0,30}?)(?=[;()\n]| overnight| on |$)/g, 'location', 5);
}

function people(c: Collector): void {
  const EN_NAME = String.raw`[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+){0,2}|[A-Z]\.\s?[A-Z][a-zA-Z'’-]+|[A-Z][a-zA-Z'’-]+,?\s+[A-Z]\.|[A-Z][a-z]+,\s[A-Z][a-z]+`;
  const ZH_NAME = String.raw`[\u4e00-\u9fa5]{2,4}`;
  c.each(new RegExp(String.raw`(?:inspector|insp\.?|inspected by|by|auditor|raised by|inspector signature)\s*[:：]?\s*(?<v>${EN_NAME})`, 'g'), 'inspector', 6);
  c.each(new RegExp(String.raw`(?:Inspector|Insp|Inspected by|By|Auditor|Raised by)\s*[:：]?\s*(?<v>${EN_NAME})`, 'g'), 'inspector', 6);
  c.each(new RegExp(String.raw`(?:检验员|检验|巡检员|审核员|IQC|检|发起人)\s*[:：]?\s*(?<v>${ZH_NAME})(?![\u4e00-\u9fa5])`, 'g'), 'inspector', 6);
  c.each(
    new RegExp(String.raw`(?:Customer|customer|cust|Insured|Claimant|claimant|Name|name|Owner|Policyholder|Member|Contact|contact|Driver|Dealer contact|Name of claimant|Full name|Full name \.+|Owner|Adjuster)\s*[:：.]*\s*(?<v>${EN_NAME})`, 'g'),
    'claimant_name',
    6,
  );
  c.each(new RegExp(String.raw`(?:Regards|Yours faithfully|Thanks|thanks|Sincerely)[,.]?\s*\n?\s*(?<v>${EN_NAME})`, 'g'), 'claimant_name', 5);
  c.each(
    new RegExp(String.raw`(?:被保险人|车主|报案人|申请人|用户|姓名|联系人|出险人|被保人|客户|主人|驾驶人|顾客|员工|我是|我叫)\s*[:：]?\s*(?<v>${ZH_NAME})(?![\u4e00-\u9fa5])`, 'g'),
    'claimant_name',
    6,
  );
  c.each(/(?:被保险人|车主|报案人|申请人|用户|姓名|联系人|出险人|被保人|驾驶人|顾客|员工)\s*[:：]?\s*(?<v>[\u4e00-\u9fa5]{2,3})(?=[（(，,\s]|身份|电话)/g, 'claimant_name', 6);
}

function lossTypes(c: Collector): void {
  c.each(/(?:loss type|loss|cause|complaint|failure|condition|issue|what happened|description|what)\s*[:：.]*\s*(?<v>[A-Za-z][^\n,.;(]{2,40})/gi, 'loss_type', 4);
  c.each(/(?:出险原因|事故类型|故障现象|故障|事故|事由|理赔类型|出险经过|经过|问题|疾病|治疗)\s*[:：]\s*(?<v>[^\n，,。；;]{2,20})/g, 'loss_type', 5);
  c.each(
    /\b(?<v>(?:rear-end |side )?collision|theft|fire|flood(?:ing)?|water damage|hail(?: damage)?|burglary|vandalism|vandalised|storm damage)\b/gi,
    'loss_type',
    4,
  );
  c.each(/(?<v>追尾|碰撞|火灾|被盗|盗抢|水淹|泡水|进水|漏水|台风|冰雹|刮擦|暴雨)/g, 'loss_type', 4);
}

function linesAndStations(c: Collector): void {
  c.each(/(?<![A-Za-z])(?<v>(?:line|Line|LINE)\s+[A-Z]?\d+[A-Z]?)\b/g, 'line', 6);
  c.each(/(?:line|线别|线体|产线|Line)\s*[:：]\s*(?<v>[A-Z]{0,3}\d+)/g, 'line', 7);
  c.each(/(?<![A-Za-z])(?<v>L\d{1,2})(?=[\s/\-|,，]|$)/g, 'line', 4);
  c.each(/(?<v>[0-9０-９一二三四五六七八九十A-Z]{1,2}号?线|(?:装配|总装|注塑|焊接|喷涂|SMT)[一二三四五六七八九十\dA-Z]*线)/g, 'line', 5);
  c.each(/(?<![A-Za-z])(?<v>(?:station|Station|stn|STN)\s*\d+)\b/g, 'station', 6);
  c.each(/(?<![A-Za-z])(?<v>(?:OP|op)\s?\d{2,3}|ST-?\d{1,2})\b/g, 'station', 5);
  c.each(/(?<v>\d+号?工位|工位\d+)/g, 'station', 5);
  c.each(/(?:工位|station|Station)\s*[:：]\s*(?<v>[A-Za-z0-9-]+)/g, 'station', 7);
}

/**
 * Spans the baseline finds in `text`, restricted to the fields of `kind` (plus spec_limit for
 * inspections) and, when given, to `only`: patterns of other labels are not run at all, so a span
 * an unwanted label would have out-ranked can survive (the served figures are measured this way).
 */
export function extractBaseline(text: string, kind: DocumentKind, only?: ReadonlySet<SpanLabel>): Span[] {
  const c = new Collector(text, only);
  identifiers(c);
  contacts(c);
  dates(c, text, kind);
  amounts(c);
  if (kind === 'inspection') {
    measurements(c);
    counts(c);
    dictionaries(c, text);
    linesAndStations(c);
  } else {
    lossTypes(c);
  }
  places(c, text);
  people(c);

  const allowed = spanLabelsOf(kind);
  const candidates = c.out
    .filter((s) => allowed.has(s.label))
    .sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Span[] = [];
  for (const s of candidates) {
    if (taken.some((t) => t.start < s.end && s.start < t.end)) continue;
    taken.push({ label: s.label, start: s.start, end: s.end });
  }
  return taken.sort((a, b) => a.start - b.start);
}
