/**
 * Surface words the generator draws from. Defect types, severities and dispositions map many
 * written forms (EN + ZH, formal and shop-floor shorthand) onto the taxonomy, so the model learns
 * the words, not a closed list of canonical values.
 */

export const DEFECT_TYPES = [
  'scratch',
  'dent',
  'crack',
  'porosity',
  'burr',
  'deformation',
  'discoloration',
  'contamination',
  'corrosion',
  'wear',
  'leak',
  'broken',
  'dimensional',
  'missing_part',
  'other',
] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

export const DEFECT_WORDS: Record<DefectType, { en: string[]; zh: string[] }> = {
  scratch: {
    en: ['scratch', 'scratches', 'scratched', 'scuff', 'scuffs', 'scuff marks', 'scoring', 'scored', 'surface scratch', 'scratch marks', 'scrtch'],
    zh: ['划痕', '划伤', '刮伤', '擦伤', '刮花', '拉伤', '划痕缺陷'],
  },
  dent: {
    en: ['dent', 'dents', 'dented', 'ding', 'dings', 'several dents', 'impact mark', 'dint'],
    zh: ['凹坑', '凹陷', '压痕', '磕碰', '碰伤', '磕伤', '凹痕'],
  },
  crack: {
    en: ['crack', 'cracks', 'cracked', 'cracking', 'hairline crack', 'fatigue crack', 'crazing'],
    zh: ['裂纹', '开裂', '裂缝', '裂痕', '微裂纹'],
  },
  porosity: {
    en: ['porosity', 'pores', 'blowholes', 'blow holes', 'gas holes', 'pinholes', 'pin holes', 'voids'],
    zh: ['气孔', '砂眼', '针孔', '缩孔', '疏松', '气泡'],
  },
  burr: {
    en: ['burr', 'burrs', 'sharp edge', 'sharp edges', 'flash', 'deburr missing'],
    zh: ['毛刺', '飞边', '披锋', '批锋', '锐边'],
  },
  deformation: {
    en: ['deformation', 'deformed', 'bent', 'warped', 'warpage', 'distortion', 'buckled', 'out of flat'],
    zh: ['变形', '翘曲', '弯曲', '扭曲', '鼓包', '不平'],
  },
  discoloration: {
    en: ['discoloration', 'discolouration', 'discolored', 'stain', 'staining', 'heat tint', 'color mismatch', 'yellowing'],
    zh: ['变色', '发黄', '色差', '氧化变色', '发黑', '色斑'],
  },
  contamination: {
    en: ['contamination', 'contaminated', 'foreign material', 'FOD', 'debris', 'oil residue', 'dirt', 'particles'],
    zh: ['污染', '异物', '油污', '脏污', '杂质', '粉尘'],
  },
  corrosion: {
    en: ['corrosion', 'corroded', 'rust', 'rusted', 'rusty', 'pitting', 'oxidation', 'surface corrosion'],
    zh: ['锈蚀', '腐蚀', '生锈', '锈斑', '锈迹', '点蚀'],
  },
  wear: {
    en: ['wear', 'worn', 'wear marks', 'chafing', 'chafed', 'fretting', 'galling', 'abrasion'],
    zh: ['磨损', '磨耗', '磨痕', '磨伤', '拉毛'],
  },
  leak: {
    en: ['leak', 'leaking', 'leakage', 'seepage', 'weeping', 'oil leak', 'air leak', 'fluid leak'],
    zh: ['泄漏', '渗漏', '漏油', '漏气', '漏水', '渗油'],
  },
  broken: {
    en: ['broken', 'fractured', 'fracture', 'snapped', 'cracked through', 'torn', 'sheared', 'chipped'],
    zh: ['断裂', '破损', '破裂', '折断', '断开', '崩缺', '缺损'],
  },
  dimensional: {
    en: ['out of tolerance', 'oversize', 'undersize', 'OOT', 'dimension out of spec', 'dimensional nonconformance', 'out of spec', 'dim NG'],
    zh: ['尺寸超差', '尺寸不良', '超差', '尺寸偏大', '尺寸偏小', '尺寸NG'],
  },
  missing_part: {
    en: ['missing', 'missing fastener', 'missing part', 'not installed', 'omitted', 'missing rivet', 'missing clip', 'missing screw'],
    zh: ['缺件', '漏装', '少装', '漏焊', '缺料', '漏打螺丝'],
  },
  other: {
    en: ['delamination', 'wrong label', 'mislabel', 'blistering', 'bubbles', 'peeling', 'misalignment'],
    zh: ['分层', '标签错误', '起泡', '脱皮', '错位', '混料'],
  },
};

export const SEVERITY_WORDS = {
  en: [
    ['minor', 5],
    ['major', 5],
    ['critical', 4],
    ['Minor', 2],
    ['Major', 2],
    ['Critical', 2],
    ['MAJ', 1],
    ['MIN', 1],
    ['crit', 1],
    ['maj', 1],
    ['high', 1],
    ['low', 1],
    ['medium', 1],
  ],
  zh: [
    ['轻微', 4],
    ['一般', 4],
    ['严重', 5],
    ['致命', 3],
    ['轻度', 1],
    ['主要', 1],
    ['重大', 1],
    ['次要', 1],
    ['A类', 1],
    ['B类', 1],
    ['C类', 1],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

export const DISPOSITION_WORDS = {
  en: [
    ['use as is', 3],
    ['use-as-is', 2],
    ['UAI', 1],
    ['accept as is', 1],
    ['rework', 5],
    ['re-work', 1],
    ['rwk', 1],
    ['repair', 2],
    ['repaired', 2],
    ['scrap', 5],
    ['scrapped', 2],
    ['return to supplier', 3],
    ['return to vendor', 2],
    ['RTV', 1],
    ['RTS', 1],
    ['hold', 2],
    ['on hold', 2],
    ['quarantine', 2],
    ['MRB hold', 1],
    ['replace', 1],
    ['replaced', 1],
  ],
  zh: [
    ['让步接收', 4],
    ['特采', 2],
    ['返工', 5],
    ['返修', 3],
    ['报废', 5],
    ['退货', 3],
    ['退回供应商', 2],
    ['隔离', 3],
    ['冻结', 1],
    ['挑选使用', 1],
    ['更换', 1],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

export const LOCATIONS = {
  en: [
    'housing', 'flange', 'weld seam', 'bore', 'thread', 'mounting bracket', 'inner surface', 'outer surface', 'edge',
    'rh inlet cowl acoustic panel', 'lh inlet cowl', 'seat track', 'connector pin 3', 'cover plate', 'lh wing lower skin',
    'fuselage frame 23', 'hinge', 'gasket face', 'sealing surface', 'shaft journal', 'gear teeth', 'bearing seat',
    'cylinder head', 'valve seat', 'bumper', 'door panel', 'hood', 'pcb', 'solder joint', 'terminal', 'cable harness',
    'fan blade', 'nacelle', 'floor panel', 'cargo door seal', 'hydraulic line', 'pump body', 'impeller', 'lens',
    'display', 'keypad', 'battery cover', 'top face', 'side wall', 'corner', 'mating face', 'o-ring groove',
    'rivet row', 'stringer 12', 'spar cap', 'aft bulkhead', 'landing gear door', 'exhaust pipe', 'heat shield',
  ],
  zh: [
    '外壳', '法兰面', '焊缝', '内孔', '螺纹', '安装支架', '表面', '边缘', '密封面', '端面', '卡扣', '左侧门板',
    '右前门', '底座', '外圆', '轴颈', '齿面', '轴承位', '缸盖', '阀座', '保险杠', '前盖', '线路板', '焊点',
    '端子', '线束', '风扇叶片', '壳体内侧', '安装孔', '倒角处', '顶面', '侧壁', '拐角', '配合面', '密封槽',
    '管路接头', '泵体', '叶轮', '镜片', '显示屏', '按键', '电池盖', '铆钉处', '加强筋', '散热片', '出风口',
  ],
};

export const LOSS_TYPES = {
  en: [
    'water damage', 'fire', 'fire damage', 'theft', 'collision', 'transit damage', 'product defect', 'breakage',
    'flood', 'storm damage', 'vandalism', 'equipment breakdown', 'machinery breakdown', 'contamination', 'burglary',
    'cargo damage', 'hail damage', 'electrical failure', 'product liability', 'rear-end collision', 'glass breakage',
  ],
  zh: [
    '水渍', '水损', '火灾', '盗窃', '碰撞', '运输损坏', '货损', '产品缺陷', '设备故障', '暴雨', '破损', '台风',
    '机器损坏', '追尾', '失窃', '玻璃破碎', '电气故障', '雹灾', '产品责任', '爆管', '泡水',
  ],
};

export const PLACES = {
  en: [
    'Warehouse 3, 88 Harbor Rd, Long Beach, CA', 'Hamburg port terminal', 'Shanghai Pudong', 'I-95 near exit 14',
    'Plant 2 loading dock', '1200 Industrial Pkwy, Dayton, OH', 'Rotterdam Maasvlakte', 'customer site in Munich',
    'Building B, Suzhou Industrial Park', 'Shenzhen Bao an airport cargo area', 'Lyon distribution center',
    'Route 9, Newark, NJ', 'our Chicago warehouse', 'Yard 4, Port of Felixstowe', 'Ningbo Beilun port',
  ],
  zh: [
    '上海市浦东新区张江路88号', '江苏省苏州市工业园区星湖街328号3号仓库', '广州市黄埔区开发大道', '深圳市宝安区福永街道',
    '杭州市萧山区', '宁波北仑港', '天津港', '北京市朝阳区建国路93号', '成都市双流区物流园', '武汉市东西湖区仓库',
    '沪昆高速嘉兴段', '青岛前湾港码头', '重庆市渝北区两路', '厦门市海沧区', '南京市江宁区胜太路',
  ],
};

export const EN_FIRST = [
  'John', 'Maria', 'David', 'Sarah', 'Michael', 'Anna', 'James', 'Laura', 'Robert', 'Emily', 'Thomas', 'Julia',
  'Peter', 'Linda', 'Carlos', 'Fatima', 'Hans', 'Sofia', 'Kevin', 'Wei', 'Li', 'Ming', 'Raj', 'Olga', 'Ahmed', 'Yuki',
];
export const EN_LAST = [
  'Smith', 'Garcia', 'Miller', 'Johnson', 'Brown', 'Davis', 'Wilson', 'Martinez', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Kowalski', 'Zhang', 'Wang', 'Chen', 'Patel', 'Nguyen',
  'Ivanova', 'Tanaka', "O'Brien",
];
export const ZH_SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '欧阳', '司马',
];
export const ZH_GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞',
  '平', '刚', '桂英', '建华', '志强', '海燕', '晓东', '文', '华', '玲', '鹏', '宇', '欣', '浩然', '子涵', '梓萱',
];
export const COMPANIES = {
  en: ['Acme Tooling Ltd', 'Northwind Logistics', 'Bluewater Components Inc.', 'Kessler GmbH', 'Apex Castings LLC', 'Orion Freight Co.'],
  zh: ['苏州精工机械有限公司', '上海恒达物流有限公司', '宁波永兴模具厂', '深圳华科电子有限公司', '天津海通运输公司'],
};
export const EMAIL_DOMAINS = ['example.com', 'mail.com', 'acme-tooling.com', 'qq.com', '163.com', 'outlook.com', 'northwind.co.uk', 'kessler.de'];

export const UNITS_MEASURE = [
  ['mm', 'length'],
  ['mm', 'length'],
  ['µm', 'small'],
  ['um', 'small'],
  ['in', 'inch'],
  ['N·m', 'torque'],
  ['Nm', 'torque'],
  ['°C', 'temp'],
  ['bar', 'pressure'],
  ['MPa', 'pressure'],
  ['kN', 'force'],
  ['HRC', 'hardness'],
  ['g', 'mass'],
  ['毫米', 'length'],
] as const;

export const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const EN_MONTHS_LONG = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
export const ZH_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
