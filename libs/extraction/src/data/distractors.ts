/**
 * Text that carries no field but looks as if it might: other people's names (approvers, cc,
 * adjusters, signatures), company names, dates that are not the labelled ones, reference numbers
 * that are not identifiers we extract, times, temperatures, page numbers. Real documents are full
 * of these, and a model trained without them tags any capitalised word after a colon.
 */
import type { DocumentKind, Language } from '../schema/fields';
import { DEPARTMENTS, EN_CITIES, JOB_TITLES } from './lexicon';
import type { Rng } from './prng';
import * as V from './values';

const EN_LINES = [
  'Approved by: {P}', 'Approved: {P} ({TITLE})', 'Reviewed by {P}', 'Reviewed: {I} (MRB chair)', 'cc: {P}', 'cc: {P}; {P}',
  'CC: {DEPT}', 'Prepared for {C}', 'Supplier: {C}', 'Carrier: {C}', 'Surveyor: {P} ({C})',
  'Broker: {C}, attn. {P}', 'Handled by {P}, {TITLE}', 'Page {N} of {N2}', 'Form QF-{N}.{N}-0{N} rev {L}',
  'Doc no. {L}{L}-{N4}', 'Delivery note {NN}', 'Invoice {NN} dated {D}', 'Printed {D} {T}', 'Next audit planned for {D}.',
  'Meeting at {T} in room {N}.', 'Call me on ext {N4} if anything is missing.', 'Please reply by {D}.',
  'Temp {N2} °C, humidity {N2}%.', 'Downtime {N2} min.', 'Attachments: {N} photos', 'Thanks to {P} and {P} for the quick response.',
  'Sent from my iPhone', 'This email and any attachments are confidential.',
  '{C} | {STREET}, {CITY}', 'PPAP rev {L} submitted on {D}.', 'Cpk {N}.{N2} on the critical dimension.', 'Ref. 8D-{N4}',
  'SCAR {L}{N4} raised with {C}.', 'Calibration due {D}.', 'Gauge ID G-{N4}', 'Ticket #{N4}', 'ECN-{N4} implemented on {D}.',
  'Shipment {NN} departed {CITY} on {D}.', 'Container {L}{L}{L}U{N7} arrived {D}.', 'Hotline 0800 {N3} {N4}',
  'Reserve unchanged.', 'Photos to follow by {WD}.', 'Out of office until {D}.', 'Visited by {P} from {C} on {D}.',
  'Hi {F},', 'Hello team,', 'Dear {F},', 'See you at {T}.', 'Spoke to {P} at {C} this morning.',
  'Escalated to {P} ({DEPT}).', 'Audit by {C} on {WD} went well.', 'Training for {N2} operators completed {D}.',
  'Forwarded to {DEPT} for review.', 'Room {N3}, Building {L}.', 'Ext. {N4}', 'Tel (reception): +{N2} {N3} {N4} {N4}',
  'Revision {L} supersedes all previous issues.', 'Rev {L} / {D}', 'Approved by {P} on {D}', '{P} ({DEPT}) to follow up by {D}.',
  'Weekly review {WD} {T}', 'ref {MAN} {N2}-{N2}-{N2}', 'IAW {MAN} {N2}-{N2}-{N2} fig {N}', 'per {MAN} {N2}-{N2}-{N2} rev {N2}',
  'NCR-{Y}-{N4}', 'NCR no. {N4}', 'Deviation DV-{N3} approved by customer.', 'per customer deviation DV-{N3}', 'SCAR-{N4}',
  'stamp {N3}', 'task card {N4}', 'ATA {N2}', 'tail {L}-{L}{L}{L}{L}', 'a/c reg {L}-{L}{L}{L}{L}', 'AOG', 'next A check in {N2} days',
  // Purchase and sales orders are the buyer's or seller's paperwork, not the production order we link to.
  'PO {NN}', 'Customer PO {NN}', 'PO# {NN}', 'against purchase order {NN}', 'Sales order {NN}', 'PO: {NN}   GRN: {N4}{N}',
  'cosmetic only.', 'no further action on the other parts.', 'photos attached.', 'see attached pictures.', 'as per the call this morning.', 'Temperature log {N2}.{N} °C at {T}', '{N2} trucks loaded today, {N} pending.', 'KPI: FPY {N2}.{N}%',
];

const ZH_LINES = [
  '审核：{P}', '批准：{P}', '审批人：{P}', '抄送：{DEPT}、{DEPT}', '抄送：{P}', '供应商：{C}', '承运人：{C}',
  '公估人：{P}（{C}）', '经办人：{P}', '送货单号：{NN}', '发票号{NN}，开票日期{D}', '第{N}页 共{N2}页', '表单编号：QR-{N}.{N}-0{N}',
  '打印时间：{D} {T}', '下次审核时间：{D}', '{T}在{N}楼会议室开会', '如有疑问请联系{P}，分机{N4}', '环境温度{N2}℃，湿度{N2}%',
  '停机{N2}分钟', '附件：照片{N}张', '感谢{P}和{P}的支持', '此致 敬礼', '{C} {TITLE} {P}', '保险期间：{D}至{D}', '报警回执编号{NN}',
  '8D报告编号8D-{N4}', '量具编号G-{N4}', 'ECN-{N4}已于{D}执行', '集装箱号{L}{L}{L}U{N7}', '客服热线95518', '本邮件及附件仅供收件人使用',
  '已电话通知{P}，待回复', '车牌号{PLATE}', '{P}：收到', '{P}：好的，马上处理', '辛苦了', '请{DEPT}跟进', '{DEPT}{P}负责跟踪',
  '各位好，', '您好，', '谢谢！', '如有问题请随时联系', '{P}经理：请审阅', '培训已于{D}完成，共{N2}人参加', '今日出货{N2}车',
  '{C}（地址：{ADDR}）', '版本号：{L}/{N}', '编制：{P}　审核：{P}', '记录人：{P}', '会议纪要', '日报', '周报 第{N2}周', '备注：无',
  '一次合格率{N2}.{N}%', 'NCR-{Y}-{N4}', '8D-{N4}', '偏差单DV-{N3}', '纠正措施单CAR-{N4}', '作业指导书WI-{N2}-{N3}', '图纸版本{L}',
  '采购订单：{NN}', '采购订单号{NN}', '销售订单：SO{NN}', '客户PO：{NN}', 'PO号{NN}',
  '详见附件照片', '电话沟通后确认', '其他产品未见异常', '请相关部门尽快处理', '请知悉', '已通知供应商', '已拍照留存', '等工艺确认', '工装编号T-{N4}', '供应商代码{N4}{N2}', '{WDZ}下午{N}点开会',
];

const EN_MEMOS = [
  'Reminder that the canteen will be closed on {D} for maintenance.', 'The new checklist {L}{L}-{N3} rev {N} is on the shared drive.',
  'Safety walk done by {P}, no findings.', 'Fire drill scheduled for {WD} at {T}.', 'Please submit timesheets by {D}.',
  'The forklift training with {C} starts {D}.', 'Welcome {P} who joins {DEPT} as {TITLE}.', 'Cpk study for the bore is complete, all green.',
  'We will ship the remaining {N3} units next week.', 'The customer visit from {C} moved to {D}.', 'Nothing else to report.',
  'All good on my side, thanks.', 'Monthly quality meeting: complaints, 8D status and audit plan.', 'Please find attached the updated control plan.',
  'Your message has been received and we will respond within {N} business days.', 'Please do not reply to this email.',
  'The claim is still under review; we are waiting for the surveyor report.', 'We have received the photos, thank you.',
  'Premium invoice for the next period attached, due {D}.', 'Renewal terms from {C} are attached for your review.',
  'Conveyor belt replaced by maintenance, downtime {N2} min.', 'Changeover finished at {T}, running fine.',
  'Stock count on {D}, please be on time.', 'Audit by {C} closed with one observation on calibration labels.',
];

const ZH_MEMOS = [
  '本周五下午两点召开质量月度例会，请准时参加。', '食堂{D}停业检修。', '新版检验标准已上传共享盘，请从{D}起执行。', '安全巡查由{P}完成，无问题。',
  '消防演练安排在{WDZ}{T}。', '请于{D}前提交考勤表。', '欢迎{P}加入{DEPT}担任{TITLE}。', '剩余{N3}台下周发货。', '客户{C}来访改到{D}。',
  '今天设备部对注塑机进行了保养，已恢复生产。', '其余正常，无异常。', '收到，谢谢！', '您的案件正在审核中，请耐心等待。', '请勿直接回复本邮件。',
  '续保方案已发送，请查收。', '盘点工作于{D}进行，请各部门配合。', '{C}审核顺利通过，有一项观察项。', '换型于{T}完成，生产正常。',
  '本月共处理理赔{N2}笔，已结案{N2}笔。', '照片已收到，谢谢配合。', '空压机检修期间暂停生产{N}小时。', '请各车间主任准时参加培训。',
];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const WEEKDAYS_ZH = ['周一', '周二', '周三', '周四', '周五', '星期一', '星期三', '下周二'];

function fill(t: string, r: Rng, lang: Language): string {
  const zh = lang === 'zh';
  return t.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'P':
        return zh ? (r.chance(0.85) ? V.zhName(r) : V.westernName(r)) : V.personName(r, 'en').full;
      case 'F':
        return V.westernName(r).split(/[ ,]/)[0] as string;
      case 'I':
        return `${r.letters(1)}. ${V.westernName(r).split(' ').pop() as string}`;
      case 'C':
        return V.company(r, lang);
      case 'D':
        return V.formatDate(r, V.dateParts(r), lang).full;
      case 'T':
        return `${String(r.int(6, 22)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
      case 'N':
        return String(r.int(1, 9));
      case 'N2':
        return String(r.int(10, 99));
      case 'N3':
        return String(r.int(100, 999));
      case 'N4':
        return r.digits(4);
      case 'N7':
        return r.digits(7);
      case 'NN':
        return r.digits(r.int(6, 10));
      case 'L':
        return r.letters(1);
      case 'DEPT':
        return r.pick(DEPARTMENTS[lang]);
      case 'TITLE':
        return r.pick(JOB_TITLES[lang]);
      case 'CITY':
        return (r.pick(EN_CITIES).split(',')[0] as string);
      case 'STREET':
        return V.enStreet(r);
      case 'ADDR':
        return zh ? V.zhAddress(r) : `${V.enStreet(r)}, ${r.pick(EN_CITIES)}`;
      case 'MAN':
        return r.pick(['srm', 'SRM', 'amm', 'AMM', 'CMM', 'IPC', 'WI', 'SOP', 'QP']);
      case 'Y':
        return String(r.int(2023, 2027));
      case 'WD':
        return r.pick(WEEKDAYS);
      case 'WDZ':
        return r.pick(WEEKDAYS_ZH);
      case 'PLATE':
        return `${r.pick(['沪', '苏', '浙', '粤', '京', '鲁'])}${r.letters(1)}·${r.digits(5)}`;
      default:
        return k;
    }
  });
}

/** One line or sentence with no field in it. */
export function distractorLine(r: Rng, lang: Language): string {
  return fill(r.pick(lang === 'zh' ? ZH_LINES : EN_LINES), r, lang);
}

export function memoSentence(r: Rng, lang: Language): string {
  return fill(r.pick(lang === 'zh' ? ZH_MEMOS : EN_MEMOS), r, lang);
}

/** A whole document with no field: memos, notices, auto-replies, chit-chat. */
export function negativeText(r: Rng, lang: Language, _kind: DocumentKind): string {
  const parts: string[] = [];
  const n = r.int(2, 7);
  for (let i = 0; i < n; i++) parts.push(r.chance(0.55) ? memoSentence(r, lang) : distractorLine(r, lang));
  // Some are written in the other language or mix both.
  if (r.chance(0.1)) parts.push(r.chance(0.5) ? memoSentence(r, lang === 'zh' ? 'en' : 'zh') : distractorLine(r, lang === 'zh' ? 'en' : 'zh'));
  const sep = r.pick(lang === 'zh' ? ['\n', '', '\n', ' '] : ['\n', ' ', '\n', '\n\n']);
  return parts.join(sep);
}

/** E-mail header lines naming people and departments that are not fields. */
export function emailHeader(r: Rng, lang: Language, subject: string): string {
  const from = lang === 'zh' ? V.zhName(r) : V.westernName(r);
  const mail = V.email(r, V.westernName(r)).full;
  const to = r.chance(0.5) ? r.pick(DEPARTMENTS[lang]) : lang === 'zh' ? V.zhName(r) : V.westernName(r);
  const lines =
    lang === 'zh'
      ? [`发件人：${from} <${mail}>`, `收件人：${to}`, ...(r.chance(0.5) ? [`抄送：${V.zhName(r)}`] : []), `主题：${subject}`]
      : [`From: ${from} <${mail}>`, `To: ${to}`, ...(r.chance(0.5) ? [`Cc: ${V.westernName(r)}`] : []), `Subject: ${subject}`];
  return lines.join('\n');
}

export function chatSpeaker(r: Rng, lang: Language): string {
  const name = lang === 'zh' ? (r.chance(0.5) ? V.zhName(r) : `${V.zhName(r).slice(0, 1)}${r.pick(['工', '经理', '主管', '师傅', '总'])}`) : V.westernName(r).split(',')[0] as string;
  return r.pick([`[${String(r.int(7, 22)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}] ${name}: `, `${name}: `, `${name} ${String(r.int(7, 22))}:${String(r.int(10, 59))}\n`]);
}

type PairMaker = (r: Rng, lang: Language) => string;
const person: PairMaker = (r, lang) => (lang === 'zh' ? V.zhName(r) : V.westernName(r));
const date: PairMaker = (r, lang) => V.formatDate(r, V.dateParts(r), lang).full;

/** Key/value pairs that sit between field rows of a form but are not fields. */
const PAIRS: Record<Language, [string[], PairMaker][]> = {
  en: [
    [['Approved by', 'Approved', 'Reviewed by', 'Authorised by', 'Verified by (supervisor)', 'MRB chair', 'Engineer', 'Supervisor', 'Cc', 'Adjuster', 'Surveyor', 'Handler', 'Witness', 'Account manager'], person],
    [['Supplier', 'Carrier', 'Vendor', 'Insurer', 'Broker', 'Shipper', 'Manufacturer'], (r, lang) => V.company(r, lang)],
    [['Printed', 'Due date', 'Next review', 'Policy period from', 'Valid until', 'Invoice date', 'Ship date', 'Calibration due', 'PO date'], date],
    [['Page', 'Rev', 'Revision', 'Version'], (r) => r.pick([`${r.int(1, 3)} of ${r.int(3, 6)}`, r.letters(1), `${r.int(1, 12)}`])],
    [['Delivery note', 'Invoice no.', 'Ticket', 'Ref', 'Doc no.', 'Gauge ID', 'Police report', 'Container', 'Booking ref', 'ECN'], (r) => r.pick([r.digits(r.int(6, 9)), `${r.letters(2)}-${r.digits(5)}`, `${r.letters(4)}${r.digits(7)}`])],
    [['Dept', 'Department', 'Area', 'Shift', 'Weather', 'Currency', 'Temp', 'Humidity'], (r, lang) => r.pick([r.pick(DEPARTMENTS[lang]), `${r.int(1, 3)}`, r.pick(['dry', 'rain', 'clear', 'snow']), r.pick(['USD', 'EUR', 'CNY']), `${r.int(15, 35)} °C`, `${r.int(30, 90)}%`])],
    [['Time', 'Time of call', 'Start', 'End'], (r) => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`],
  ],
  zh: [
    [['审核', '批准', '审批', '复核', '主管', '工程师', '抄送', '公估人', '经办人', '见证人', '客户经理', '编制'], person],
    [['供应商', '承运人', '保险公司', '经纪公司', '发货人', '生产厂家'], (r, lang) => V.company(r, lang)],
    [['打印日期', '截止日期', '下次评审', '保险起期', '有效期至', '开票日期', '发货日期', '校准到期'], date],
    [['页码', '版本', '版次'], (r) => r.pick([`${r.int(1, 3)}/${r.int(3, 6)}`, r.letters(1), `A/${r.int(0, 5)}`])],
    [['送货单号', '发票号', '单据编号', '量具编号', '报警回执', '集装箱号', '订舱号', '变更单号'], (r) => r.pick([r.digits(r.int(6, 9)), `${r.letters(2)}-${r.digits(5)}`, `${r.letters(4)}${r.digits(7)}`])],
    [['部门', '车间', '班次', '天气', '币种', '温度', '湿度'], (r, lang) => r.pick([r.pick(DEPARTMENTS[lang]), r.pick(['白班', '夜班', '中班']), r.pick(['晴', '雨', '阴']), '人民币', `${r.int(15, 35)}℃`, `${r.int(30, 90)}%`])],
    [['时间', '来电时间', '开始时间'], (r) => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`],
  ],
};

export function distractorPair(r: Rng, lang: Language): { key: string; value: string } {
  const [keys, make] = r.pick(PAIRS[lang]);
  return { key: r.pick(keys), value: make(r, lang) };
}
