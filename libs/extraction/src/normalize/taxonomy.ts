import { cleanText, foldTraditional } from './text';

/** The defect taxonomy of docs/extraction-taxonomy.md. */
export const DEFECT_TYPES = [
  'scratch', 'dent', 'crack', 'porosity', 'burr', 'deformation', 'discoloration', 'contamination',
  'corrosion', 'wear', 'leak', 'broken', 'dimensional', 'missing_part', 'other',
] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DISPOSITIONS = ['use_as_is', 'rework', 'scrap', 'return_to_supplier', 'hold'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The loss categories of docs/extraction-taxonomy.md: what a claim's loss_type is about. */
export const LOSS_CATEGORIES = [
  'collision', 'theft', 'lost', 'vandalism', 'fire', 'weather', 'water', 'glass', 'contamination', 'breakdown', 'accidental_damage', 'injury', 'other',
] as const;
export type LossCategory = (typeof LOSS_CATEGORIES)[number];

interface Rule<T> {
  value: T;
  en?: RegExp;
  zh?: string[];
}

function classify<T>(raw: string, rules: Rule<T>[]): T | null {
  const s = foldTraditional(cleanText(raw)).toLowerCase();
  for (const r of rules) {
    if (r.en?.test(s)) return r.value;
    if (r.zh?.some((w) => s.includes(w))) return r.value;
  }
  return null;
}

/*
 * Order matters: the first rule that matches wins. "missing label" must not become a label defect, 漏装
 * (not fitted) must not become a leak (漏), "metal chips" is contamination but "chipped" is broken.
 */
const DEFECT_RULES: Rule<DefectType>[] = [
  { value: 'missing_part', en: /\bmissing\b|\bnot (?:fitted|installed|assembled)\b|\bomitted\b|\babsent\b|\bno (?:clip|washer|label|screw|bolt|nut)\b/, zh: ['缺失', '漏装', '缺件', '少装', '未装', '漏贴', '漏打', '漏焊'] },
  { value: 'leak', en: /\bleak|\bseep|\bweep(?:ing|s)?\b|\bdrip/, zh: ['泄漏', '渗漏', '漏气', '漏油', '漏水', '渗油', '漏液', '渗水', '漏'] },
  { value: 'crack', en: /crack|craz(?:e|ed|ing)\b|\bsplit\b|\bfissure/, zh: ['裂纹', '开裂', '银纹', '裂缝', '裂开', '龟裂', '裂痕'] },
  { value: 'porosity', en: /poros|\bpores?\b|pin ?holes?|blow ?holes?|gas holes?|air bubbles?|\bbubbl|\bvoids?\b|shrinkage cavit/, zh: ['气孔', '砂眼', '疏松', '缩孔', '针孔', '气泡', '缩松'] },
  { value: 'corrosion', en: /corro|\brust|\bpitt(?:ing|ed)\b|oxidi[sz]|oxidat|\boxide\b/, zh: ['腐蚀', '锈', '氧化', '点蚀'] },
  { value: 'contamination', en: /contamin|foreign (?:material|object|matter|body)|\bfod\b|debris|\bdirt|\bdust|(?<!(?:edge|paint|corner|glass|enamel|coating) )\bchips\b|\bswarf|grease|\boil(?:y)?\b|residue|particles?/, zh: ['污染', '油污', '异物', '脏污', '杂质', '油脂', '脏'] },
  { value: 'scratch', en: /scratch|scuff|gouge|\bscor(?:e|ed|ing)\b/, zh: ['划伤', '划痕', '刮伤', '擦伤', '拉伤', '刮花', '划'] },
  { value: 'dent', en: /\bdent|\bding|\bnick(?:s|ed)?\b|dimple|impact damage/, zh: ['凹坑', '凹陷', '磕碰', '碰伤', '压痕', '凹痕', '压伤'] },
  { value: 'burr', en: /\bburr|\bflash\b|sharp edge/, zh: ['毛刺', '飞边', '披锋', '批锋'] },
  { value: 'deformation', en: /deform|\bbent\b|\bbend|warp|twist|distort|bulg|swell|out of shape|buckl|sink marks?/, zh: ['变形', '翘曲', '弯曲', '扭曲', '鼓包', '缩水', '缩痕'] },
  { value: 'discoloration', en: /discolou?r|colou?r|\bstain|heat tint|tarnish|fad(?:e|ed|ing)\b|yellowing|blush/, zh: ['色差', '变色', '发黑', '发白', '发黄', '污渍', '斑'] },
  { value: 'wear', en: /\bwear|\bworn\b|chaf|abras|galling|fretting|erosion|material loss/, zh: ['磨损', '磨耗', '破皮', '磨'] },
  { value: 'broken', en: /broken|\bbreak|snapped|chipp|(?:edge|paint|corner|glass|enamel|coating) chips?\b|fractur|sheared/, zh: ['断裂', '破损', '崩齿', '崩', '碎', '断', '破'] },
  { value: 'dimensional', en: /dimension|oversize|undersize|out of tol|\bo\/?t\b|too (?:long|short|big|small|thick|thin|wide|narrow)|out of (?:flat|round|position)|flatness|tolerance|\boversized\b/, zh: ['尺寸', '超差', '偏大', '偏小', '超长', '过长', '过短', '平面度', '位置度', '孔距', '孔径', '超厚', '超薄'] },
];

/** A defect word or phrase in English or Chinese → the taxonomy; anything recognisable as a defect but unlisted is `other`. */
export function normalizeDefectType(raw: string): DefectType {
  return classify(raw, DEFECT_RULES) ?? 'other';
}

/** The Chinese defect words of the taxonomy (two characters or more), for dictionary look-up in running text. */
export function chineseDefectWords(): string[] {
  return DEFECT_RULES.flatMap((r) => r.zh ?? []).filter((w) => w.length >= 2);
}

/** True when the defect word matched a taxonomy entry rather than falling back to `other`. */
export function isKnownDefect(raw: string): boolean {
  return classify(raw, DEFECT_RULES) !== null;
}

/*
 * A class, category or severity number may follow its caption after a colon or full stop (CLASS: B,
 * Cat. 2, Sev: 1), and a severity field often holds the class letter alone (A / B / C, the AQL classes).
 * A bare number is not mapped: FMEA severity runs the other way (1 = no effect, 10 = hazardous).
 */
const SEVERITY_RULES: Rule<Severity>[] = [
  { value: 'critical', en: /crit|\bcr\b|safety|fatal|\bcat(?:egory)?\b\.?\s*[:#]?\s*(?:1|i|a)\b|\bclass\b\s*[:.-]?\s*a\b|\bsev(?:erity)?\b\.?\s*[:#]?\s*1\b|\bs1\b|^[([]?a[)\]]?\.?$/, zh: ['致命', '危急', '关键', 'a类', 'a级'] },
  { value: 'major', en: /major|\bmaj\b|\bma\b|serious|significant|severe|\bhigh\b|\bcat(?:egory)?\b\.?\s*[:#]?\s*(?:2|ii|b)\b|\bclass\b\s*[:.-]?\s*b\b|\bsev(?:erity)?\b\.?\s*[:#]?\s*2\b|\bs2\b|^[([]?b[)\]]?\.?$/, zh: ['严重', '主要', '重大', '重要', 'b类', 'b级'] },
  { value: 'minor', en: /minor|\bmin\b|\bmi\b|cosmetic|\blow\b|slight|\bcat(?:egory)?\b\.?\s*[:#]?\s*(?:3|iii|c)\b|\bclass\b\s*[:.-]?\s*c\b|\bsev(?:erity)?\b\.?\s*[:#]?\s*3\b|\bs3\b|^[([]?c[)\]]?\.?$/, zh: ['轻微', '次要', '一般', '轻', 'c类', 'c级'] },
];

export function normalizeSeverity(raw: string): Severity | null {
  return classify(raw, SEVERITY_RULES);
}

/* Verbs are matched in their -ed and -ing forms too (scrapped/scrapping, held/holding, binned/binning). */
const DISPOSITION_RULES: Rule<Disposition>[] = [
  // Phrases that contain words of other classes ("return", "service") come first.
  { value: 'use_as_is', en: /use[- ]?as[- ]?is|\buai\b|\baai\b|accept(?:ed)? as is|return(?:ed|ing)? to service|ok to (?:fly|use|ship)/ },
  { value: 'scrap', en: /scrap|discard|destroy|\bbin(?:ned|ning)?\b|writ(?:e|ten|ing)[- ]?off/, zh: ['报废', '判废', '销毁'] },
  { value: 'return_to_supplier', en: /return(?:ed|ing)? to (?:the )?(?:supplier|vendor|foundry|manufacturer|sender|mill)|\brtv\b|\brts\b|(?:send|sent|sending) back|back to (?:supplier|vendor)|reject(?:ed|ing)? to (?:supplier|vendor)/, zh: ['退货', '判退', '退回', '退供应商', '拒收', '退厂', '退换', '返回供应商', '退还供应商'] },
  { value: 'hold', en: /\bhold(?:ing)?\b|\bheld\b|quarantin|\bmrb\b|suspend|pending|\bblock|freez|frozen|on stop|ground(?:ed|ing)?\b|segregat|\btag(?:ged|ging)? out\b/, zh: ['隔离', '冻结', '暂扣', '封存', '待定', '停场', '挂起', '待处理', '待判', '暂停', '扣留'] },
  { value: 'rework', en: /re-?work|repair|touch(?:ing)?[- ]?up|reprocess|rectif|\bfix|\bsort|re-?torqu|re-?tighten|re-?label|re-?spray|re-?polish|clean(?:ed|ing)?\b|blend(?:ed|ing)? out/, zh: ['返工', '返修', '修理', '修复', '重工', '挑选', '补焊', '打磨', '重新紧固', '重新拧紧', '清洗', '修'] },
  { value: 'use_as_is', en: /accept|concession|deviation|waiver|releas|serviceable|no action|defer|as is/, zh: ['让步', '特采', '放行', '保留', '接收', '降级', '照用', '可用', '接受'] },
];

export function normalizeDisposition(raw: string): Disposition | null {
  return classify(raw, DISPOSITION_RULES);
}

/*
 * A loss description names a cause, an event or a result, often two of them ("short circuit caused a
 * fire", 暴雨进水): the first matching rule wins, so the cause that decides the cover comes first.
 * Weather before water (a storm's flooding is weather, a burst pipe's is water), theft and vandalism
 * before collision and glass (a smash-and-grab, a keyed door), contamination before glass (a glass
 * fragment in food), a person's injury before water and breakdown (a slip on a wet floor, a torn
 * ligament), an escape of water before breakdown and a machine's leak after it (a burst hose is
 * water, a pump's leaking seal a breakdown; a cracked part failed: claims here are about parts),
 * accidental damage last (dropped, crushed, collapsed).
 */
const LOSS_RULES: Rule<LossCategory>[] = [
  { value: 'weather', en: /storm|\bhail|lightning|flood(?:ing|ed|s)?\b|burst (?:its|their) banks|\bwind(?:s|storm|blown)?\b|high winds?|gale|tornado|hurricane|typhoon|cyclone|snow|\bice\b|\bicy\b|freez|frost|landslide|subsidence|earthquake|torrential|heavy rain|heavy weather|blown (?:down|over)/, zh: ['暴雨', '冰雹', '台风', '雷击', '雷电', '洪水', '洪涝', '水灾', '大风', '暴风', '强风', '龙卷', '暴雪', '积雪', '雪灾', '冰冻', '冻裂', '泥石流', '地震', '山体滑坡', '内涝', '积水', '淹', '泡水', '涉水', '雨淋', '雹', '吹', '掀翻', '掀开', '刮倒', '沙尘暴'] },
  { value: 'theft', en: /theft|stolen|\bst[o0]le\b|\bsteal|burglar|break-?in|broken into|robbe|pilfer|shoplift|hijack|snatch|smash-and-grab/, zh: ['盗', '偷', '窃', '抢', '撬'] },
  { value: 'vandalism', en: /vandal|malicious|graffiti|\bkeyed\b|arson|riot|ransomware|cyber/, zh: ['恶意', '人为破坏', '故意损坏', '纵火', '涂鸦', '勒索'] },
  { value: 'fire', en: /f[i1]re\b|smoke|explo(?:sion|ded)|\bblaze|ignit|caught alight|combust/, zh: ['火', '燃', '烧毁', '烧损', '爆炸', '冒烟', '烟熏'] },
  { value: 'collision', en: /c[o0]llisi[o0]n|collid|allision|crash|rear[- ]?end|shunt|side impact|side[- ]?swip|impact|\bhit\b|struck|strike|striking|\bbump|ran into|drove into|revers(?:ed|ing) into|backed into|pulled out|knocked (?:over|off)|roll(?:ed|ing)? ?over|overturn|jack-?knif|pile-?up|accident|scrape|contact with|grounding|aground|capsiz|\bsunk\b|\bsank\b|sinking|pothole|slid into|uncontrolled/, zh: ['碰撞', '追尾', '剐蹭', '刮蹭', '擦碰', '侧翻', '翻车', '倾覆', '撞', '碰', '刮擦', '倒车', '事故', '追为', '触礁', '搁浅', '沉没', '托底', '坠毁', '炸机'] },
  { value: 'lost', en: /\blost\b|\b1ost\b|\bloss of (?:containers?|cargo|baggage|luggage|parcels?)|missing|overboard|shortage|short-?(?:shipped|landed|delivered)|\bcartons? short|not delivered|non-?delivery|undelivered|misdeliver/, zh: ['丢', '遗失', '失踪', '短少', '短缺', '少货', '缺货', '落海'] },
  { value: 'contamination', en: /contamin|foreign (?:object|body|material|matter)|fragments? in|food poisoning|spoil|temperature (?:excursion|loss|rise)|thaw|rott|mou?ld|sweat|condensation|recall|tainted|infest/, zh: ['污染', '异物', '变质', '腐烂', '霉变', '发霉', '食物中毒', '召回', '温度异常', '超温', '化冻', '解冻'] },
  { value: 'glass', en: /glass|windscreen|windshield|window (?:broken|smashed|cracked)|mirror/, zh: ['玻璃', '挡风', '车窗', '后视镜'] },
  { value: 'injury', en: /injur|hurt|wound|fractur|scald|sprain|strain|laceration|bruis|whiplash|concussion|bodily|illness|\bill\b|sick|fever|appendicitis|surgery|hospital|ligament|\bbit(?:e|ten)?\b|dog attack|burns\b|swallow|allerg|slip(?:ped)?\b|tripped|caught in|death|died/, zh: ['受伤', '烫伤', '烧伤', '摔伤', '扭伤', '咬伤', '骨折', '医疗', '就医', '住院', '手术', '麻木', '疾病', '生病', '咬', '死亡', '身故', '阑尾炎', '肺炎', '感染', '过敏', '肠梗阻', '误食', '滑倒', '跌倒', '碾压', '病死', '压伤', '夹伤', '切伤', '伤人', '伤害', '牙齿损伤'] },
  { value: 'water', en: /water|burst|escape of|sewer|overflow|backed up|sprinkler|\bhose\b|ingress|flooded/, zh: ['水', '爆管', '喷淋', '返水'] },
  { value: 'breakdown', en: /during (?:normal )?use|in service|crack|breakdown|broke down|\bbroke\b|fail|fault|malfunction|defect|not (?:start|work|cool|charg|respond|heat)|no (?:cooling|power|start)|loss of power|pressure loss|burn-?out|burnt|burned out|short circuit|seiz|sticking|stuck|overheat|noise|rattle|click|judder|shudder|vibrat|swell|bulg|cuts out|stopped (?:working|responding)|reboot|limp mode|blocked|error|loose|detach|black|won't|does not|doesn't|blow-?out|rupture|spalling|\btorn\b|chafed|split|weep|power (?:surge|cut)|voltage|electrical surge|gearbox|motor|clutch|bearing|compressor|pump|valve|engine/, zh: ['故障', '失效', '损坏', '异响', '不制冷', '无法', '不能', '不启动', '不开机', '不发电', '不加热', '黑屏', '鼓包', '短路', '电压', '漏电', '断电', '停电', '断裂', '开裂', '卡死', '抱死', '卡缸', '拉缸', '断齿', '打齿', '换挡冲击', '中断', '过热', '停机', '失灵', '失超', '异常', '坏', '撞机', '烧', '爆胎', '打滑', '抖动', '亏电', '内泄', '不转', '不工作', '卡滞', '停转', '磨损', '无力', '缓慢', '顿挫', '绝缘', '压差'] },
  { value: 'water', en: /\bleak|seep|damp|moisture|soak|\bwet(?:ting)?\b|liquid|spill|drain/, zh: ['漏', '渗', '潮', '湿', '洒', '泼', '进液'] },
  { value: 'accidental_damage', en: /drop|fell|fall|knock|crush|break(?:age)?\b|broken|shatter|smash|collapse|tip(?:ped)?[- ]?over|t1pp1ng|tipping|load shift|shifted|handling|dent|scratch|bent|buckl|sever|disintegrat|misfuel|petrol in a diesel|wrong fuel|damage/, zh: ['摔', '掉落', '跌落', '坠落', '坠物', '落石', '砸', '压坏', '压塌', '碎', '破损', '倒塌', '坍塌', '塌方', '塌陷', '倾倒', '损毁', '受损', '划伤', '刮花', '挖断', '叉', '脱落', '隐裂', '打裂', '挤压', '推倒', '变形', '飞脱', '击'] },
];

/** A loss description in English or Chinese → the loss category; anything else is `other`. */
export function normalizeLossType(raw: string): LossCategory {
  return classify(raw, LOSS_RULES) ?? 'other';
}
