/**
 * Seeded generator of labelled inspection and claim documents in English and Chinese. A document
 * is a plan (which fields, which values) rendered in one of several layouts — key/value forms,
 * flattened tables, narrative sentences, terse lower-case shop-floor shorthand — then passed through
 * noise (typos, OCR confusions, full-width characters, stray spaces and line breaks) that keeps the
 * gold spans aligned because noise is applied piece by piece before offsets are computed.
 *
 * Annotation conventions (the hand-written set should follow the same):
 * - a span covers the value as written, without its key ("Lot: L23-118" -> "L23-118");
 * - quantities and sample sizes include an adjacent count word ("5 pcs", "12件"); after a key
 *   ("qty: 5") just the number;
 * - line/station written as a name include the word ("Line 3", "3号线", "station 5", "5号工位");
 * - amounts include the currency sign or word ("¥12,500.00", "3.5万元", "EUR 1.234,56");
 * - measurements include the unit and a diameter sign; spec limits include qualifiers ("max 0.20 mm", "≤0.2mm");
 * - defect_type covers the defect word as written ("scratches", "划伤"); locations the component
 *   phrase without articles ("rh inlet cowl acoustic panel").
 */
import type { DocumentKind, Language, LabelledDocument, Span, SpanLabel } from '../schema/fields';
import { chatSpeaker, distractorLine, distractorPair, emailHeader, memoSentence, negativeText } from './distractors';
import { Rng } from './prng';
import * as V from './values';
import type { Value } from './values';

type Piece = string | { label: SpanLabel; text: string };

type Fields = Partial<Record<SpanLabel, Value>>;

/** Keys used in key/value forms and table headers. */
const KEYS: Partial<Record<SpanLabel, { en: string[]; zh: string[] }>> = {
  order_number: { en: ['Order', 'Order No.', 'Prod. order', 'Production order', 'WO', 'Work order', 'MO', 'Order #'], zh: ['工单号', '生产订单', '订单号', '工单', '生产工单号', '制令单号'] },
  part_number: { en: ['Part', 'Part No.', 'P/N', 'PN', 'Part number', 'Item', 'Material', 'Part #', 'Drawing No.'], zh: ['零件号', '物料号', '料号', '图号', '品号', '零件编号', '产品型号'] },
  lot_number: { en: ['Lot', 'Lot No.', 'Lot #', 'Batch', 'Batch No.', 'Lot number', 'L/N'], zh: ['批次', '批号', '批次号', '生产批次', 'Lot号'] },
  line: { en: ['Line', 'Prod line', 'Assembly line', 'Line no.'], zh: ['产线', '线别', '生产线', '线体'] },
  station: { en: ['Station', 'Stn', 'Op', 'Operation', 'Work station', 'Cell'], zh: ['工位', '工序', '工站', '岗位'] },
  defect_type: { en: ['Defect', 'Defect type', 'Nonconformance', 'Finding', 'Issue', 'Failure mode', 'Discrepancy'], zh: ['缺陷', '缺陷类型', '不良现象', '不良类型', '问题描述', '异常'] },
  defect_location: { en: ['Location', 'Defect location', 'Area', 'Position', 'Zone', 'Where'], zh: ['位置', '缺陷位置', '部位', '不良位置', '发生部位'] },
  quantity: { en: ['Qty', 'Quantity', 'Defective qty', 'Rejected', 'NG qty', 'Qty rejected', 'Count'], zh: ['数量', '不良数', '不良数量', '缺陷数量', 'NG数'] },
  sample_size: { en: ['Sample', 'Sample size', 'Sampled', 'Inspected qty', 'n'], zh: ['抽样数', '抽检数', '样本量', '检验数量', '抽样数量'] },
  severity: { en: ['Severity', 'Sev', 'Class', 'Criticality', 'Defect class'], zh: ['严重度', '严重程度', '缺陷等级', '等级', '级别'] },
  measurement: { en: ['Measured', 'Actual', 'Meas.', 'Reading', 'Result', 'Value'], zh: ['实测值', '实测', '测量值', '检测值'] },
  spec_limit: { en: ['Spec', 'Limit', 'Tolerance', 'Requirement', 'Spec limit', 'Nominal'], zh: ['规格', '标准', '公差', '要求', '规格值'] },
  inspector: { en: ['Inspector', 'Inspected by', 'QC', 'Insp.', 'Checked by', 'Signed'], zh: ['检验员', '检验人', '质检员', '检查人', '签字'] },
  inspection_date: { en: ['Date', 'Inspection date', 'Insp. date', 'Inspected on', 'Date checked'], zh: ['日期', '检验日期', '检查日期', '发现日期'] },
  disposition: { en: ['Disposition', 'Dispo', 'Action', 'Decision', 'MRB decision', 'Result'], zh: ['处置', '处理方式', '处理意见', '判定', '处置意见', '结论'] },
  claim_number: { en: ['Claim No.', 'Claim #', 'Claim number', 'Claim ref', 'Our ref', 'Claim ID', 'File no.'], zh: ['理赔编号', '报案号', '案件号', '赔案号', '理赔单号'] },
  policy_number: { en: ['Policy No.', 'Policy', 'Policy number', 'Policy #', 'Cert. no.'], zh: ['保单号', '保险单号', '保单号码', '保单编号'] },
  claimant_name: { en: ['Claimant', 'Name', 'Insured', 'Policyholder', 'Contact', 'Submitted by'], zh: ['索赔人', '被保险人', '姓名', '报案人', '申请人', '联系人'] },
  national_id: { en: ['ID No.', 'National ID', 'ID', 'Resident ID', 'ID card'], zh: ['身份证号', '身份证', '证件号码', '身份证号码'] },
  phone: { en: ['Phone', 'Tel', 'Mobile', 'Contact no.', 'Tel.', 'Cell'], zh: ['电话', '联系电话', '手机', '手机号', '联系方式'] },
  email: { en: ['Email', 'E-mail', 'Mail', 'Email address'], zh: ['邮箱', '电子邮箱', '邮件', 'Email'] },
  incident_date: { en: ['Date of loss', 'Incident date', 'Loss date', 'Date of incident', 'Occurred'], zh: ['出险日期', '事故日期', '出险时间', '发生日期', '损失日期'] },
  report_date: { en: ['Reported', 'Report date', 'Date reported', 'Notified', 'Submitted', 'Date of report', 'Date of notification'], zh: ['报案日期', '报案时间', '申报日期', '提交日期', '申请日期', '填表日期', '来电日期'] },
  amount: { en: ['Amount', 'Claim amount', 'Amount claimed', 'Loss amount', 'Total', 'Estimate'], zh: ['金额', '索赔金额', '损失金额', '报损金额', '估损金额', '合计'] },
  loss_type: { en: ['Loss type', 'Cause of loss', 'Type of loss', 'Peril', 'Cause'], zh: ['损失类型', '出险原因', '事故类型', '损失原因', '险情'] },
  location: { en: ['Location', 'Place of loss', 'Loss location', 'Site', 'Address'], zh: ['出险地点', '事故地点', '地点', '损失地点', '地址'] },
  serial_number: { en: ['Serial No.', 'S/N', 'SN', 'Serial', 'VIN', 'Serial number'], zh: ['序列号', '机身号', '车架号', 'SN', '出厂编号'] },
};

/** Inline phrases for narrative text: {v} is the value's full form, {b} its bare form. */
const PHRASES: Partial<Record<SpanLabel, { en: string[]; zh: string[] }>> = {
  order_number: { en: ['order {v}', 'prod order {v}', 'WO {v}', 'work order {v}', 'under order {v}', 'order no. {v}', 'for {v}'], zh: ['工单{v}', '工单号{v}', '订单{v}', '生产订单{v}', '工单 {v}', '订单号：{v}'] },
  part_number: { en: ['part {v}', 'p/n {v}', 'pn {v}', 'part no. {v}', 'P/N {v}', '{v}', 'item {v}', 'part {v} rev B', 'part {v} rev C'], zh: ['零件{v}', '料号{v}', '零件号{v}', '图号{v}', '{v}', '产品{v}', '物料{v}'] },
  lot_number: { en: ['lot {v}', 'Lot {v}', 'batch {v}', 'lot# {v}', '(lot {v})', 'lot no. {v}', 'from lot {v}', 'l/n {v}'], zh: ['批次{v}', '批号{v}', '批次 {v}', '（批次{v}）', '批次号{v}', 'Lot {v}'] },
  line: { en: ['on {v}', 'at {v}', '{v}', 'from {v}', '{v} running', 'on {v} again', '{v} final inspection'], zh: ['{v}', '在{v}', '{v}生产', '{v}今天', '{v}的', '{v}上午', '{v}又'] },
  station: { en: ['at {v}', '{v}', 'at {v}', 'from {v}'], zh: ['{v}', '{v}处', '在{v}', '{v}发现', '{v}的', '在{v}检测发现'] },
  inspector: { en: ['inspector {v}', 'by {v}', 'insp {v}', 'checked by {v}', 'QC: {v}', 'signed {v}', '- {v}', 'Checked by {v}', 'verified by QC {v}', 'QA: {v}', 'insp. {v}', 'found by {v}'], zh: ['检验员{v}', '检验员：{v}', '{v}检验', '质检{v}', '检验人 {v}', '签字：{v}', '{v}发现', '发现人：{v}', '——{v}', '跟进人：{v}', '报告人：{v}', '检验 {v}', '质检：{v}'] },
  inspection_date: { en: ['on {v}', '{v}', 'date {v}', 'inspected {v}', '{v}:'], zh: ['{v}', '{v}检验', '于{v}', '日期{v}', '{v}巡检', '{v}上午', '{v}下午发现', '今天（{v}）'] },
  severity: { en: ['severity {v}', 'sev {v}', '{v}', 'classified {v}', 'class: {v}', '{v} defect', 'severity: {v}', '({v})'], zh: ['严重度{v}', '{v}', '等级：{v}', '属{v}缺陷', '判为{v}', '{v}不良', '严重程度{v}'] },
  disposition: { en: ['disposition: {v}', '{v}', 'dispo {v}', 'to {v}', 'recommend {v}', 'action: {v}', '{v} per srm', '{v} iaw amm', 'MRB: {v}', '-> {v}', '{v} tomorrow', 'will {v} tomorrow', 'put the parts in {v}', 'lot {v} pending MRB', 'decision: {v}', '{v} per customer deviation', '{v} (no MRB needed)'], zh: ['处置：{v}', '{v}', '判定{v}', '做{v}处理', '建议{v}', '处理方式：{v}', '{v}处理', '已{v}', '{v}后使用', '{v}后放行', '先{v}', '已经{v}', '整批{v}', '经评审{v}', '{v}，等工艺确认', '已{v}'] },
  sample_size: { en: ['sample {v}', 'sampled {v}', 'n={b}', 'of {v} inspected', 'sample size {b}', 'out of {v}', 'inspected {v}'], zh: ['抽检{v}', '抽样{v}', '样本{v}', '共检{v}', '抽检数{b}'] },
  claim_number: { en: ['claim {v}', 'Claim No. {v}', 'ref {v}', 'claim ref {v}', 'Re: claim {v}', 'our ref: {v}', 'file {v}'], zh: ['报案号{v}', '理赔编号{v}', '案件号：{v}', '赔案{v}', '报案号：{v}'] },
  policy_number: { en: ['policy {v}', 'policy no. {v}', 'under policy {v}', 'pol {v}', 'Policy #{v}'], zh: ['保单号{v}', '保单{v}', '保单号码：{v}', '（保单{v}）'] },
  claimant_name: { en: ['{v}', 'claimant {v}', 'insured: {v}', 'from {v}', 'Mr. {v}', 'Ms. {v}', 'contact {v}', 'my name is {v}', 'Insured: {v}', 'Name of insured: {v}', 'Contact {v}', 'Customer: {v}', 'Consignee {v}', 'Driver {v}'], zh: ['{v}', '被保险人{v}', '报案人{v}', '客户{v}', '{v}先生', '{v}女士', '我是{v}', '客户{v}', '索赔人：{v}', '联系人{v}', '{v}（客户）'] },
  national_id: { en: ['ID {v}', 'ID no. {v}', 'national ID {v}', '(ID {v})'], zh: ['身份证号{v}', '身份证{v}', '（身份证号：{v}）', '证件号{v}'] },
  phone: { en: ['tel {v}', 'phone {v}', 'call {v}', 'mobile {v}', 'ph: {v}', '{v}'], zh: ['电话{v}', '联系电话：{v}', '手机{v}', '电话 {v}', '{v}'] },
  email: { en: ['{v}', 'email {v}', 'e-mail: {v}', 'mail to {v}', '<{v}>'], zh: ['邮箱{v}', '{v}', '邮箱：{v}', '电子邮件 {v}'] },
  incident_date: { en: ['on {v}', 'occurred {v}', 'date of loss {v}', 'incident on {v}', 'happened on {v}', 'DOL {v}', 'Accident on {v}', 'Date of loss: {v}', 'on the night of {v}', 'around {v}'], zh: ['于{v}', '{v}', '出险日期{v}', '{v}发生', '在{v}', '{v}晚上', '{v}下午', '{v}凌晨', '{v}上午', '{v}夜间'] },
  report_date: { en: ['reported {v}', 'notified on {v}', 'report date {v}', 'submitted {v}', 'filed {v}'], zh: ['报案日期{v}', '{v}报案', '于{v}报案', '申报日期：{v}', '{v} 来电', '{v}来电报案', '于{v}提交'] },
  amount: { en: ['amount {v}', 'claimed {v}', 'estimated at {v}', 'total {v}', 'loss of {v}', 'for {v}', 'value {v}', 'approx. {v}'], zh: ['金额{v}', '损失{v}', '索赔{v}', '损失金额{v}', '约{v}', '共计{v}', '估损{v}'] },
  loss_type: { en: ['{v}', 'due to {v}', 'cause: {v}', 'caused by {v}', 'loss type {v}', 'suffered {v}', 'was damaged by {v}', 'involved in a {v}', 'reports {v}', 'failed with {v}', '{v} to roof panels', 'Description: {v}'], zh: ['{v}', '因{v}', '发生{v}', '遭受{v}', '出险原因：{v}', '{v}事故', '被{v}了', '遭遇{v}', '因{v}导致', '发生{v}', '{v}造成', '因{v}进水'] },
  location: { en: ['at {v}', 'in {v}', 'location: {v}', 'near {v}', '@ {v}', 'Where did it happen: {v}', 'at our {v}', 'on the {v}', 'parked at {v}', 'arrival at {v}'], zh: ['在{v}', '于{v}', '地点{v}', '{v}', '位于{v}', '在{v}的', '{v}附近', '位于{v}的', '在{v}停车场', '从{v}发出'] },
  serial_number: { en: ['s/n {v}', 'SN {v}', 'serial {v}', 'VIN {v}', 'serial no. {v}', 'unit {v}'], zh: ['序列号{v}', 'SN{v}', '车架号{v}', '机身号{v}', '编号{v}'] },
};

/** Clauses that bind the defect fields together, the heart of an inspection note. */
const DEFECT_CLAUSES = {
  en: [
    '{quantity} with {defect_type} on the {defect_location}',
    '{defect_type} found on {defect_location}',
    'several {defect_type} found on {defect_location}',
    'found {quantity} {defect_type} at {defect_location}',
    '{defect_location} {defect_type}',
    '{defect_type} on {defect_location}, qty {quantity:b}',
    '{quantity} rejected for {defect_type}',
    '{defect_type} ({quantity})',
    '{defect_type} observed at {defect_location}',
    '{defect_location} has {defect_type}',
    '{quantity} {defect_type}',
    '{defect_type} {defect_location} {quantity}',
    'during receiving inspection we found {quantity} with {defect_type} on the {defect_location}',
    'operator reported {defect_type} on the {defect_location} of {quantity}',
    'please note {defect_type} on {defect_location}, {quantity} affected',
    'the {defect_location} shows {defect_type}',
    '{quantity} show {defect_type} on the {defect_location}',
    '{defect_location} {defect_type}, approx {quantity:b} parts',
    'visual insp {defect_location} - {defect_type}, {quantity:b} areas',
    'we found {defect_type} at the {defect_location} again',
    'customer returned {quantity} with {defect_type}',
    '{defect_type} detected on {defect_location} during final test',
    'found {defect_type} on {quantity:b} {noun}',
    '{quantity:b} {noun} with {defect_type} on the {defect_location}',
    '{defect_type} on the {defect_location} of {quantity:b} {noun}',
    '{quantity:b} {noun} rejected for {defect_type} so far today',
    '{quantity:b} out of {sample_size:b} {noun} show {defect_type}',
    '{defect_type} noted on {defect_location}',
    '{defect_location}: {defect_type}',
    'visual: {defect_type} on {defect_location}',
    '{quantity:b} out of {sample_size:b} housings with {defect_type}',
    '{quantity:b} of {sample_size} rejected, {defect_type}',
    '{defect_type}',
    '{defect_type} in {defect_location} area, {quantity}',
    '{quantity} NG ({defect_type})',
    '{defect_location} {defect_type} between {range}',
    '{defect_type} found on {defect_location} at {range}',
    '{defect_type} {range}',
  ],
  zh: [
    '发现{defect_type}{quantity}',
    '发现{defect_type} {quantity}',
    '{defect_location}{defect_type}，{quantity}',
    '{defect_location}有{defect_type}',
    '{defect_location}处{defect_type}',
    '{defect_location}出现{defect_type}，数量{quantity:b}',
    '{quantity}{defect_type}',
    '{defect_type}不良{quantity}',
    '{defect_location}存在{defect_type}现象',
    '{defect_type}（{defect_location}）',
    '{defect_type}',
    '{defect_location}发现{defect_type}，共{quantity}',
    '外观检查：{defect_location}{defect_type}',
    '{quantity}产品{defect_location}{defect_type}',
    '{defect_type}{quantity}，位于{defect_location}',
    '今天巡检发现{defect_location}{defect_type}，共{quantity}',
    '客户反馈{defect_location}有{defect_type}，涉及{quantity}',
    '来料检验时发现{quantity}{defect_type}，都在{defect_location}上',
    '{defect_location}位置{defect_type}，数量{quantity}',
    '又出了{quantity}{defect_type}的，都是{defect_location}位置',
    '{defect_location}{defect_type}偏多，发现{quantity}',
    '经复查确认{defect_location}存在{defect_type}',
    '操作工反映{defect_location}{defect_type}',
  ],
};

const MEASURE_CLAUSES = {
  en: [
    'measured {measurement} (spec {spec_limit})',
    '{measurement} vs spec {spec_limit}',
    'measured {measurement}, limit {spec_limit}',
    'actual {measurement}, req {spec_limit}',
    '{measurement} exceeds {spec_limit}',
    'dim {measurement} (tol {spec_limit})',
    'measured {measurement}',
    '{measurement} against {spec_limit}',
    'reading {measurement} / spec {spec_limit}',
  ],
  zh: [
    '实测{measurement}（要求{spec_limit}）',
    '实测值{measurement}，规格{spec_limit}',
    '测量{measurement}，标准{spec_limit}',
    '{measurement}超出{spec_limit}',
    '实测{measurement}',
    '尺寸{measurement}，公差{spec_limit}',
  ],
};

/** Sentences that tie the claim fields together, as claimants and handlers write them. */
const CLAIM_CLAUSES = {
  en: [
    'On {incident_date} our shipment was damaged by {loss_type} at {location}',
    '{loss_type} at {location} on {incident_date}',
    'the loss ({loss_type}) occurred at {location} on {incident_date}',
    'we suffered {loss_type} at our premises at {location}',
    'I am writing to report {loss_type} that happened on {incident_date}',
    'our vehicle was involved in a {loss_type} at {location}',
    'the goods were damaged by {loss_type} in transit to {location}',
    'the insured reports {loss_type} at {location}',
    'On {incident_date} there was a {loss_type} at {location}',
    'damage caused by {loss_type}, estimated loss {amount}',
    'repair quote is {amount}',
    'estimated loss is {amount} pending the adjuster visit',
    'we claim {amount} for the damaged stock',
  ],
  zh: [
    '{incident_date}在{location}发生{loss_type}',
    '{incident_date}凌晨{location}遭遇{loss_type}，货物受损',
    '于{incident_date}在{location}因{loss_type}造成损失',
    '我司货物在运往{location}途中因{loss_type}损坏',
    '{incident_date}晚上车辆在{location}被{loss_type}',
    '其位于{location}的仓库因{loss_type}受损',
    '因{loss_type}导致货物损坏，损失金额{amount}',
    '修理费大概要{amount}',
    '估损{amount}，待公估确认',
    '{location}的厂房{incident_date}发生{loss_type}',
  ],
};

const HEADERS = {
  inspection: {
    en: ['Inspection report', 'NCR', 'QC note', 'Incoming inspection', 'Final inspection', 'IQC record', 'Nonconformance report', 'Defect log', 'Audit finding', 'Receiving inspection', 'Inspection finding', 'Work card', 'Non-routine card'],
    zh: ['检验报告', '不合格品报告', '质量异常单', '来料检验记录', '巡检记录', '终检记录', '不良品处理单', '质检记录', '品质异常通知'],
  },
  claim: {
    en: ['Claim notification', 'Insurance claim', 'First notice of loss', 'Claim form', 'Dear claims team,', 'Subject: claim', 'Warranty claim', 'Loss report'],
    zh: ['理赔申请', '出险通知书', '索赔申请书', '报案记录', '保险理赔单', '货损索赔', '您好：'],
  },
};

/** Nouns after a bare count that are not units: "[6] out of [32] wheels", "[4] bolts". */
const COUNTED_NOUNS = {
  en: ['brackets', 'bolts', 'housings', 'bodies', 'wheels', 'frames', 'castings', 'boards', 'cartons', 'panels', 'shafts', 'covers', 'assemblies', 'modules', 'doors', 'seats', 'valves', 'pumps', 'motors', 'harnesses', 'parts', 'units'],
  zh: ['根螺栓', '块板', '个壳体', '套总成', '支', '根', '片', '块', '条'],
};

function renderTemplate(t: string, f: Fields, r: Rng): Piece[] | null {
  const out: Piece[] = [];
  const re = /\{(\w+)(?::(b))?\}/g;
  let last = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    out.push(t.slice(last, m.index));
    const name = m[1] as string;
    last = m.index + m[0].length;
    if (name === 'noun') {
      out.push(r.pick(COUNTED_NOUNS[f.defect_type && /[\u4e00-\u9fff]/.test(f.defect_type.full) ? 'zh' : 'en']));
      continue;
    }
    if (name === 'range') {
      out.push({ label: 'defect_location', text: V.stationRange(r).full });
      continue;
    }
    const value = f[name as SpanLabel];
    if (!value) return null;
    out.push({ label: name as SpanLabel, text: m[2] ? value.bare : value.full });
  }
  out.push(t.slice(last));
  return out.filter((p) => typeof p !== 'string' || p.length > 0);
}

function phrase(label: SpanLabel, value: Value, lang: Language, r: Rng): Piece[] {
  const options = PHRASES[label]?.[lang] ?? ['{v}'];
  const t = r.pick(options);
  const [before, after] = t.split(/\{[vb]\}/) as [string, string | undefined];
  const text = t.includes('{b}') ? value.bare : value.full;
  return [before, { label, text }, after ?? ''].filter((p) => typeof p !== 'string' || p.length > 0);
}

interface Plan {
  kind: DocumentKind;
  lang: Language;
  fields: Fields;
  /** Narrative rendered as chat messages, one clause per message. */
  chat?: boolean;
  /** Extra defects (inspection) rendered as further rows/clauses. */
  extra: Fields[];
}

const INSPECTION_CORE: SpanLabel[] = ['defect_type', 'quantity', 'defect_location'];

function planInspection(r: Rng, lang: Language, keyedLine: boolean): Plan {
  const f: Fields = {};
  const maybe = (p: number, label: SpanLabel, make: () => Value): void => {
    if (r.chance(p)) f[label] = make();
  };
  maybe(0.4, 'order_number', () => V.orderNumber(r));
  maybe(0.65, 'part_number', () => V.partNumber(r));
  maybe(0.6, 'lot_number', () => V.lotNumber(r));
  maybe(0.35, 'line', () => V.line(r, lang, keyedLine));
  maybe(0.3, 'station', () => V.station(r, lang, keyedLine));
  maybe(0.95, 'defect_type', () => V.defect(r, lang));
  maybe(0.65, 'defect_location', () => V.defectLocation(r, lang));
  maybe(0.65, 'quantity', () => V.quantity(r, lang));
  maybe(0.2, 'sample_size', () => V.sampleSize(r, lang));
  maybe(0.5, 'severity', () => V.severity(r, lang));
  maybe(0.35, 'inspector', () => V.inspector(r, lang));
  maybe(0.5, 'inspection_date', () => V.formatDate(r, V.dateParts(r), lang));
  maybe(0.65, 'disposition', () => V.disposition(r, lang));
  if (r.chance(0.25)) {
    const m = V.measure(r, lang);
    f.measurement = m.measurement;
    if (r.chance(0.75)) f.spec_limit = m.spec;
  }
  const extra: Fields[] = [];
  const n = r.weighted<number>([
    [0, 8],
    [1, 2],
    [2, 1],
  ]);
  for (let i = 0; i < n; i++) {
    const e: Fields = { defect_type: V.defect(r, lang) };
    if (r.chance(0.6)) e.quantity = V.quantity(r, lang);
    if (r.chance(0.6)) e.defect_location = V.defectLocation(r, lang);
    if (r.chance(0.4)) e.disposition = V.disposition(r, lang);
    if (r.chance(0.3)) e.severity = V.severity(r, lang);
    extra.push(e);
  }
  return { kind: 'inspection', lang, fields: f, extra };
}

function planClaim(r: Rng, lang: Language): Plan {
  const f: Fields = {};
  const maybe = (p: number, label: SpanLabel, make: () => Value): void => {
    if (r.chance(p)) f[label] = make();
  };
  maybe(0.8, 'claim_number', () => V.claimNumber(r));
  maybe(0.7, 'policy_number', () => V.policyNumber(r));
  maybe(0.8, 'claimant_name', () => V.claimant(r, lang));
  maybe(lang === 'zh' ? 0.45 : 0.1, 'national_id', () => V.nationalId(r));
  maybe(0.55, 'phone', () => V.phone(r, lang));
  const name = f.claimant_name?.full ?? '';
  maybe(0.4, 'email', () => V.email(r, name));
  const incident = V.dateParts(r);
  maybe(0.8, 'incident_date', () => V.formatDate(r, incident, lang));
  maybe(0.4, 'report_date', () => V.formatDate(r, { ...incident, d: Math.min(28, incident.d + r.int(0, 6)) }, lang));
  maybe(0.8, 'amount', () => V.amount(r, lang));
  maybe(0.75, 'loss_type', () => V.lossType(r, lang));
  maybe(0.55, 'location', () => V.place(r, lang));
  maybe(0.3, 'part_number', () => V.partNumber(r));
  maybe(0.3, 'serial_number', () => V.serialNumber(r));
  maybe(0.25, 'lot_number', () => V.lotNumber(r));
  return { kind: 'claim', lang, fields: f, extra: [] };
}

type Layout = 'kv' | 'table' | 'narrative' | 'terse' | 'mixed';

function keyFor(label: SpanLabel, lang: Language, r: Rng): string {
  const keys = KEYS[label]?.[lang] ?? [label];
  // Chinese forms borrow English keys now and then, and vice versa for Chinese-speaking writers.
  if (lang === 'zh' && r.chance(0.08)) return r.pick(KEYS[label]?.en ?? keys);
  return r.pick(keys);
}

function kvPieces(p: Plan, r: Rng, labels: SpanLabel[]): Piece[] {
  const zh = p.lang === 'zh';
  const sep = r.pick(zh ? ['：', ':', '：', ' ', ': '] : [': ', ':', ' ', ' - ', ' = ', ': ', ':  ']);
  const lineSep = r.pick(zh ? ['\n', '；', '，', ' ', '\n', '  ', ' | ', '; '] : ['\n', '; ', ', ', ' | ', '\n', '  ', ' / ', '. ']);
  const out: Piece[] = [];
  // Some forms number their questions: "1. Name of insured:", "(3) 出险地点：".
  const numberStyle = r.weighted<number>([[0, 5], [1, 1], [2, 1], [3, 1]]);
  const numbering = (i: number): string => (numberStyle === 0 ? '' : numberStyle === 1 ? `${i + 1}. ` : numberStyle === 2 ? `(${i + 1}) ` : `${i + 1}）`);
  // Forms carry rows that are not fields (approver, supplier, page, printed date) between the field rows.
  const noise = r.weighted<number>([[0, 3], [1, 3], [2, 2], [3, 1]]);
  const rows: (SpanLabel | null)[] = [...labels];
  for (let i = 0; i < noise; i++) rows.splice(r.int(0, rows.length), 0, null);
  rows.forEach((label, i) => {
    if (i > 0) out.push(lineSep);
    if (label === null) {
      const d = distractorPair(r, p.lang);
      out.push(numbering(i) + d.key + sep + d.value);
      return;
    }
    const value = p.fields[label] as Value;
    const bare = label === 'quantity' || label === 'sample_size' ? r.chance(0.6) : false;
    out.push(numbering(i) + keyFor(label, p.lang, r) + sep, { label, text: bare ? value.bare : value.full });
  });
  return out;
}

function tablePieces(p: Plan, r: Rng, labels: SpanLabel[]): Piece[] {
  const zh = p.lang === 'zh';
  const cell = r.pick([' | ', '\t', '  ', ' ', ',', '｜', ' ; ']);
  const out: Piece[] = [];
  labels.forEach((l, i) => out.push(i > 0 ? cell : '', keyFor(l, p.lang, r)));
  const rows: Fields[] = [p.fields, ...p.extra.map((e) => ({ ...p.fields, ...e }))];
  for (const row of rows) {
    out.push(r.pick(['\n', '\n', ' ', zh ? '\n' : ' \n']));
    labels.forEach((l, i) => {
      const value = row[l];
      out.push(i > 0 ? cell : '');
      if (value) out.push({ label: l, text: l === 'quantity' || l === 'sample_size' ? value.bare : value.full });
      else out.push(r.pick(['-', '', 'N/A', '/']));
    });
  }
  return out;
}

function narrativePieces(p: Plan, r: Rng, terse: boolean): Piece[] {
  const lang = p.lang;
  const zh = lang === 'zh';
  const f = p.fields;
  const clauses: Piece[][] = [];
  const used = new Set<SpanLabel>();
  const take = (labels: SpanLabel[], pool: string[]): void => {
    const candidates = pool.map((t) => ({ t, pieces: renderTemplate(t, f, r) })).filter((c) => c.pieces !== null);
    if (candidates.length === 0) return;
    const pick = r.pick(candidates);
    clauses.push(pick.pieces as Piece[]);
    for (const l of labels) if (pick.t.includes(`{${l}`)) used.add(l);
  };
  if (p.kind === 'inspection') {
    if (INSPECTION_CORE.some((l) => f[l])) take(INSPECTION_CORE, DEFECT_CLAUSES[lang]);
    if (f.measurement) take(['measurement', 'spec_limit'], MEASURE_CLAUSES[lang]);
  } else if (r.chance(0.7)) {
    take(['incident_date', 'loss_type', 'location', 'amount'], CLAIM_CLAUSES[lang]);
    if (f.amount && !used.has('amount') && r.chance(0.5)) take(['amount'], CLAIM_CLAUSES[lang].filter((t) => t.includes('{amount}') && !t.includes('{loss_type}')));
  }
  const rest = (Object.keys(f) as SpanLabel[]).filter((l) => !used.has(l));
  const context: Piece[][] = [];
  const tail: Piece[][] = [];
  for (const l of rest) {
    const ph = phrase(l, f[l] as Value, lang, r);
    if (l === 'severity' || l === 'disposition' || l === 'inspector' || l === 'amount' || l === 'phone' || l === 'email') tail.push(ph);
    else context.push(ph);
  }
  r.shuffle(context);
  // Mostly context first, defect in the middle, decisions at the end; sometimes any order.
  let all = [...context, ...clauses, ...tail];
  for (const e of p.extra) {
    const ef: Fields = e;
    const cand = DEFECT_CLAUSES[lang].map((t) => renderTemplate(t, ef, r)).filter((x): x is Piece[] => x !== null);
    if (cand.length) all.push(r.pick(cand));
    if (e.disposition) all.push(phrase('disposition', e.disposition, lang, r));
  }
  if (r.chance(0.25)) all = r.shuffle(all);
  const nd = r.weighted<number>([[0, 5], [1, 4], [2, 2], [3, 1]]);
  for (let i = 0; i < nd; i++) all.splice(r.int(0, all.length), 0, [r.chance(0.7) ? distractorLine(r, lang) : memoSentence(r, lang)]);
  if (p.chat) {
    const out: Piece[] = [];
    // A message carries one to three clauses; the same person often writes several in a row.
    all.forEach((c, i) => {
      if (i === 0 || r.chance(0.55)) out.push(...(i > 0 ? ['\n'] : []), chatSpeaker(r, lang));
      else out.push(r.pick(zh ? ['，', ' ', '；'] : [', ', ' ', '; ']));
      out.push(...c);
    });
    return out;
  }
  const joiners = zh
    ? terse
      ? [' ', ' ', '，', '']
      : ['，', '，', '。', '；', ' ', '\n']
    : terse
      ? [' ', ' ', ', ', '. ', '; ', ' / ', ' - ']
      : [', ', ', ', '. ', '; ', ' ', '\n', ' - '];
  const out: Piece[] = [];
  all.forEach((c, i) => {
    if (i > 0) out.push(r.pick(joiners));
    out.push(...c);
  });
  if (!terse && r.chance(0.5)) out.push(zh ? '。' : '.');
  return out;
}

function render(p: Plan, layout: Layout, r: Rng): Piece[] {
  const labels = r.shuffle(Object.keys(p.fields) as SpanLabel[]);
  // Forms keep a loose conventional order: identifiers first.
  if (r.chance(0.6)) labels.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const header: Piece[] = r.chance(layout === 'terse' ? 0.1 : 0.5) ? [r.pick(HEADERS[p.kind][p.lang]), r.pick(['\n', ' ', ': ', '\n\n', ' - '])] : [];
  switch (layout) {
    case 'kv':
      return [...header, ...kvPieces(p, r, labels)];
    case 'table': {
      const tableLabels = labels.slice(0, Math.max(3, r.int(3, labels.length)));
      const others = labels.filter((l) => !tableLabels.includes(l));
      const pre = others.length ? [...kvPieces({ ...p }, r, others), '\n'] : [];
      return [...header, ...pre, ...tablePieces(p, r, tableLabels)];
    }
    case 'narrative':
      return [...header, ...narrativePieces(p, r, false)];
    case 'terse':
      return [...header, ...narrativePieces(p, r, true)];
    case 'mixed': {
      const k = r.int(1, Math.max(1, labels.length - 2));
      const kvLabels = labels.slice(0, k);
      const restFields: Fields = {};
      for (const l of labels.slice(k)) restFields[l] = p.fields[l];
      const remark = r.pick(p.lang === 'zh' ? ['备注：', '说明：', '描述：', '\n'] : ['Remarks: ', 'Notes: ', 'Description: ', '\n', 'Details: ']);
      return [
        ...header,
        ...kvPieces(p, r, kvLabels),
        r.pick(['\n', '\n', '; ', ' ']),
        remark,
        ...narrativePieces({ ...p, fields: restFields }, r, r.chance(0.3)),
      ];
    }
  }
}

const ORDER: SpanLabel[] = [
  'claim_number', 'policy_number', 'order_number', 'inspection_date', 'report_date', 'claimant_name', 'national_id',
  'phone', 'email', 'incident_date', 'part_number', 'serial_number', 'lot_number', 'line', 'station', 'location',
  'loss_type', 'defect_type', 'defect_location', 'quantity', 'sample_size', 'measurement', 'spec_limit', 'amount',
  'severity', 'disposition', 'inspector',
];

// ---------------------------------------------------------------- noise

const FULL_WIDTH_OFFSET = 0xfee0;

function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
}

const OCR_CONFUSIONS: Record<string, string> = { O: '0', '0': 'O', l: '1', '1': 'l', I: '1', S: '5', '5': 'S', B: '8', e: 'c', rn: 'm' };

function ocr(s: string, rate: number, r: Rng): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const sub = OCR_CONFUSIONS[c];
    out += sub !== undefined && r.chance(rate) ? sub : c;
  }
  return out;
}

function typo(word: string, r: Rng): string {
  if (word.length < 4 || !/^[a-z]+$/i.test(word)) return word;
  const i = r.int(1, word.length - 2);
  switch (r.int(0, 3)) {
    case 0:
      return word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + (word[i] as string) + word.slice(i);
    default:
      return word.slice(0, i) + r.pick(['a', 'e', 'i', 'o', 'r', 's', 't']) + word.slice(i + 1);
  }
}

function typos(s: string, rate: number, r: Rng): string {
  return s.replace(/[A-Za-z]{4,}/g, (w) => (r.chance(rate) ? typo(w, r) : w));
}

interface Style {
  lower: boolean;
  upper: boolean;
  fullWidth: number;
  ocr: number;
  typo: number;
  spaces: number;
  breaks: number;
}

function styleFor(r: Rng, lang: Language, layout: Layout): Style {
  return {
    lower: layout === 'terse' ? r.chance(0.85) : r.chance(lang === 'en' ? 0.2 : 0.1),
    upper: r.chance(0.04),
    fullWidth: lang === 'zh' && r.chance(0.25) ? r.pick([0.3, 0.7, 1]) : 0,
    ocr: r.chance(0.12) ? r.pick([0.05, 0.1, 0.2]) : 0,
    typo: r.chance(0.2) ? r.pick([0.05, 0.1, 0.2]) : 0,
    spaces: r.chance(0.15) ? 0.15 : 0,
    breaks: r.chance(0.12) ? 0.1 : 0,
  };
}

function applyStyle(text: string, isSpan: boolean, st: Style, r: Rng): string {
  let s = text;
  if (st.lower) s = s.toLowerCase();
  else if (st.upper) s = s.toUpperCase();
  if (st.typo) s = typos(s, isSpan ? st.typo / 3 : st.typo, r);
  if (st.ocr) s = ocr(s, isSpan ? st.ocr / 2 : st.ocr, r);
  if (st.fullWidth && r.chance(st.fullWidth)) s = toFullWidth(s);
  if (!isSpan) {
    if (st.spaces) s = s.replace(/ /g, (c) => (r.chance(st.spaces) ? '  ' : c));
    if (st.breaks) s = s.replace(/ /g, (c) => (r.chance(st.breaks) ? '\n' : c));
  }
  return s;
}

function assemble(pieces: Piece[], st: Style, r: Rng): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') {
      text += applyStyle(p, false, st, r);
      continue;
    }
    const s = applyStyle(p.text, true, st, r);
    // Two spans must not touch without a separator, or BIO could not tell them apart.
    const prev = spans[spans.length - 1];
    if (prev && prev.end === text.length) text += ' ';
    spans.push({ label: p.label, start: text.length, end: text.length + s.length });
    text += s;
  }
  return { text, spans };
}

// ---------------------------------------------------------------- public API

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Share of Chinese documents. */
  zhShare?: number;
  /** Share of claims (the rest are inspection records). */
  claimShare?: number;
  idPrefix?: string;
}

/** Share of documents with no field at all (memos, notices, auto-replies). */
const NEGATIVE_SHARE = 0.09;

function surround(plan: Plan, r: Rng): { before: Piece[]; after: Piece[] } {
  const lang = plan.lang;
  const other: Language = lang === 'zh' ? 'en' : 'zh';
  const before: Piece[] = [];
  const after: Piece[] = [];
  const nl = (): string => r.pick(['\n', '\n', '\n\n', ' ']);
  if (r.chance(0.15)) {
    const subject = `${r.pick(['RE: ', 'FW: ', '', '回复：', 'Fwd: '])}${r.pick(HEADERS[plan.kind][lang])}`;
    before.push(emailHeader(r, lang, subject), '\n\n');
    if (r.chance(0.6)) before.push(distractorLine(r, lang).replace(/[.。]$/, ''), nl());
    const f = plan.fields;
    if (plan.kind === 'claim' && f.claimant_name && r.chance(0.5)) {
      after.push(nl(), r.pick(lang === 'zh' ? ['此致\n', '谢谢\n', '申请人：', ''] : ['Kind regards,\n', 'Regards,\n', 'Thanks,\n', 'Sincerely,\n']), { label: 'claimant_name', text: f.claimant_name.full });
      if (f.report_date && r.chance(0.5)) after.push(r.pick(['\n', '   ', '\n日期：', '\nDate: ']), { label: 'report_date', text: f.report_date.full });
    } else if (plan.kind === 'inspection' && f.inspector && r.chance(0.3)) {
      after.push(nl(), r.pick(lang === 'zh' ? ['检验员：', '质检 ', '检验：'] : ['Inspector: ', 'QC: ', 'Insp. ', 'Inspected by ']), { label: 'inspector', text: f.inspector.full });
    } else if (plan.kind === 'inspection') {
      // Sign-offs by someone who is not the inspector (the sender of a mail is often the quality engineer).
      const who = lang === 'zh' ? V.zhName(r) : V.westernName(r);
      after.push(nl(), r.pick(lang === 'zh' ? [`谢谢！\n${who}`, `${who}\n${r.pick(['质量部', '品质部', '采购部'])}`] : [`Regards,\n${who}`, `Thanks,\n${who}`, `Best, ${who}`]));
    } else {
      after.push(nl(), distractorLine(r, lang));
    }
  }
  if (r.chance(0.3)) before.push(distractorLine(r, lang), nl());
  const tail = r.weighted<number>([[0, 4], [1, 3], [2, 2], [3, 1]]);
  for (let i = 0; i < tail; i++) after.push(nl(), distractorLine(r, lang));
  if (r.chance(0.1)) (r.chance(0.5) ? before : after).push(...(r.chance(0.5) ? [distractorLine(r, other), nl()] : [nl(), memoSentence(r, other)]));
  return { before, after };
}

export function generateDocument(r: Rng, id: string, kind: DocumentKind, lang: Language): LabelledDocument {
  if (r.chance(NEGATIVE_SHARE)) {
    const style = styleFor(r, lang, 'narrative');
    const { text } = assemble([negativeText(r, lang, kind)], style, r);
    return { id, kind, lang, text, spans: [] };
  }
  const layout = r.weighted<Layout>([
    ['kv', 3],
    ['table', 1.5],
    ['narrative', 3],
    ['terse', kind === 'inspection' ? 3 : 1],
    ['mixed', 1.5],
  ]);
  const keyed = layout === 'kv' || layout === 'table';
  const plan = kind === 'inspection' ? planInspection(r, lang, keyed) : planClaim(r, lang);
  if (Object.keys(plan.fields).length === 0) plan.fields.defect_type = V.defect(r, lang);
  if ((layout === 'narrative' || layout === 'terse') && r.chance(0.12)) plan.chat = true;
  const style = styleFor(r, lang, layout);
  const { before, after } = surround(plan, r);
  const { text, spans } = assemble([...before, ...render(plan, layout, r), ...after], style, r);
  return { id, kind, lang, text, spans };
}

export function generateDocuments(opts: GenerateOptions): LabelledDocument[] {
  const root = new Rng(opts.seed);
  const docs: LabelledDocument[] = [];
  for (let i = 0; i < opts.count; i++) {
    const r = root.fork(i);
    const lang: Language = r.chance(opts.zhShare ?? 0.5) ? 'zh' : 'en';
    const kind: DocumentKind = r.chance(opts.claimShare ?? 0.4) ? 'claim' : 'inspection';
    docs.push(generateDocument(r, `${opts.idPrefix ?? `gen-${opts.seed}`}-${i}`, kind, lang));
  }
  return docs;
}

export interface Split {
  train: LabelledDocument[];
  dev: LabelledDocument[];
  test: LabelledDocument[];
}

/** Deterministic split by a seeded shuffle; fractions of dev and test, the rest is train. */
export function splitDocuments(docs: readonly LabelledDocument[], seed: number, devShare = 0.1, testShare = 0.1): Split {
  const order = new Rng(seed ^ 0x51a7).shuffle(docs.map((_, i) => i));
  const nDev = Math.round(docs.length * devShare);
  const nTest = Math.round(docs.length * testShare);
  const at = (idx: number[]): LabelledDocument[] => idx.sort((a, b) => a - b).map((i) => docs[i] as LabelledDocument);
  return { dev: at(order.slice(0, nDev)), test: at(order.slice(nDev, nDev + nTest)), train: at(order.slice(nDev + nTest)) };
}

/** How a training run generated its documents, as its report (models/labels.json) records it. */
export interface GeneratedCorpus {
  seed: number;
  data: { generated: number; zhShare: number; claimShare: number };
}

/** The generated train/dev/test split a model was trained next to, regenerated from its report. */
export function splitOfRun(run: GeneratedCorpus): Split {
  const docs = generateDocuments({ seed: run.seed, count: run.data.generated, zhShare: run.data.zhShare, claimShare: run.data.claimShare });
  return splitDocuments(docs, run.seed);
}
