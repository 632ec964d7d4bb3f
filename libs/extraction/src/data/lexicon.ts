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

// ---------------------------------------------------------------- larger vocabularies
//
// The first model learned "any capitalised word after a colon is a name" because the lists above
// are small; the pools below are combined (first x last, road x city, side x component) so a
// generated value is rarely seen twice and the model has to use context, not memory.

export const EN_FIRST_MORE = [
  'Aaron', 'Abigail', 'Adam', 'Adrian', 'Aisha', 'Alan', 'Albert', 'Alejandro', 'Alex', 'Alice', 'Amanda', 'Amir',
  'Andrea', 'Andrew', 'Angela', 'Anil', 'Ankit', 'Anthony', 'Antonio', 'Arjun', 'Barbara', 'Ben', 'Bianca', 'Bob',
  'Brandon', 'Brian', 'Bruno', 'Carla', 'Carmen', 'Catherine', 'Chen', 'Chloe', 'Chris', 'Christine', 'Claire', 'Colin',
  'Craig', 'Daniel', 'Deepak', 'Diana', 'Diego', 'Dmitri', 'Donna', 'Ed', 'Eleanor', 'Elena', 'Elif', 'Emma', 'Eric',
  'Erik', 'Eva', 'Fabio', 'Felix', 'Fernando', 'Fiona', 'Francesca', 'Frank', 'Gareth', 'Gary', 'Georg', 'Grace',
  'Greg', 'Hannah', 'Harold', 'Heather', 'Helen', 'Hiroshi', 'Hugo', 'Ian', 'Igor', 'Ingrid', 'Irina', 'Isabel', 'Ivan',
  'Jack', 'Jan', 'Jana', 'Jason', 'Javier', 'Jean', 'Jenna', 'Jennifer', 'Jessica', 'Jin', 'Joanna', 'Joe', 'Jorge',
  'Jose', 'Joseph', 'Juan', 'Karen', 'Karim', 'Kate', 'Keith', 'Ken', 'Klaus', 'Lars', 'Lena', 'Leo', 'Lucas', 'Lucy',
  'Luis', 'Luka', 'Magdalena', 'Manuel', 'Marco', 'Mark', 'Marta', 'Martin', 'Mary', 'Matt', 'Mehmet', 'Mei', 'Mike',
  'Mohammed', 'Nadia', 'Natalia', 'Neil', 'Nicole', 'Nikhil', 'Nina', 'Noah', 'Olu', 'Oscar', 'Pablo', 'Paul', 'Pavel',
  'Pierre', 'Priya', 'Rachel', 'Rafael', 'Rahul', 'Ravi', 'Rebecca', 'Ricardo', 'Rita', 'Roberto', 'Ryan', 'Sam',
  'Samuel', 'Sandra', 'Sanjay', 'Sean', 'Sergei', 'Simon', 'Sophie', 'Stefan', 'Steve', 'Sunil', 'Susan', 'Tariq',
  'Tom', 'Tomasz', 'Tony', 'Uwe', 'Vanessa', 'Victor', 'Vikram', 'Vivian', 'Wendy', 'William', 'Xavier', 'Yasmin',
  'Yusuf', 'Zoe', 'Dong-hyun', 'Ji-woo', 'Takeshi', 'Haruka', 'Thanh', 'Minh', 'Siti', 'Budi', 'Kwame', 'Chidi',
];

export const EN_LAST_MORE = [
  'Adams', 'Ahmed', 'Alvarez', 'Andersen', 'Bailey', 'Baker', 'Becker', 'Bennett', 'Berg', 'Bianchi', 'Brooks',
  'Campbell', 'Carter', 'Castillo', 'Clarke', 'Collins', 'Cooper', 'Costa', 'Cruz', 'de Vries', 'Diaz', 'Edwards',
  'Evans', 'Fernandez', 'Fischer', 'Fitzgerald', 'Fleming', 'Fontaine', 'Ford', 'Gonzalez', 'Grant', 'Green', 'Gupta',
  'Hall', 'Hansen', 'Harris', 'Hoffmann', 'Hughes', 'Hussain', 'Iyer', 'Jansen', 'Jensen', 'Jones', 'Kaur', 'Khan',
  'Kim', 'King', 'Klein', 'Kovacs', 'Kumar', 'Lambert', 'Larsen', 'Lee', 'Lewis', 'Lindqvist', 'Lopez', 'Lund',
  'MacDonald', 'Mahmoud', 'Martin', 'Mendes', 'Meyer', 'Mitchell', 'Morales', 'Moreau', 'Murphy', 'Murray', 'Nakamura',
  'Nowak', 'Novak', 'Okafor', 'Oliveira', 'Olsen', 'Ortiz', 'Park', 'Parker', 'Perez', 'Petrov', 'Phillips', 'Popescu',
  'Price', 'Raman', 'Reddy', 'Reyes', 'Richter', 'Roberts', 'Rodriguez', 'Romano', 'Ross', 'Russo', 'Sato', 'Schneider',
  'Schulz', 'Scott', 'Shah', 'Sharma', 'Shaw', 'Silva', 'Singh', 'Sokolov', 'Stewart', 'Suzuki', 'Svensson', 'Turner',
  'van der Berg', 'Vargas', 'Volkov', 'Walker', 'Ward', 'Watanabe', 'Weber', 'White', 'Williams', 'Wagner', 'Wood',
  'Wright', 'Yamamoto', 'Young', 'Zimmermann', 'Siddiqui', 'Medina', 'Hernandez', 'Rossi', 'Ferrari', 'Kowalczyk',
  'Lewandowski', 'Horvat', 'Dubois', 'Laurent', 'Nielsen', 'Eriksson', 'Virtanen', 'Papadopoulos', 'Yilmaz', 'Demir',
];

/** Romanised Chinese surnames and given-name syllables ("Zhang Wei", "Li Xiaoming", "Wang Jianguo"). */
export const PINYIN_SURNAMES = [
  'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo',
  'He', 'Gao', 'Lin', 'Luo', 'Zheng', 'Liang', 'Xie', 'Song', 'Tang', 'Han', 'Feng', 'Deng', 'Cao', 'Peng', 'Zeng',
  'Xiao', 'Tian', 'Dong', 'Pan', 'Yuan', 'Cai', 'Jiang', 'Yu', 'Du', 'Ye', 'Cheng', 'Wei', 'Su', 'Lu', 'Ding', 'Ren',
  'Shen', 'Yao', 'Fu', 'Zhong', 'Jin', 'Cui', 'Tan', 'Lu', 'Fan', 'Wong', 'Chan', 'Leung', 'Cheung', 'Lau', 'Ng', 'Ho',
  'Tse', 'Lam', 'Chow', 'Ouyang', 'Situ',
];
export const PINYIN_GIVEN = [
  'Wei', 'Fang', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Juan', 'Tao', 'Ming',
  'Chao', 'Xiuying', 'Xia', 'Ping', 'Gang', 'Guiying', 'Jianhua', 'Zhiqiang', 'Haiyan', 'Xiaodong', 'Wen', 'Hua',
  'Ling', 'Peng', 'Yu', 'Xin', 'Haoran', 'Zihan', 'Zixuan', 'Xiaoming', 'Jianguo', 'Guoqing', 'Xiaoyan', 'Hong', 'Bin',
  'Hui', 'Kai', 'Lin', 'Rui', 'Shu', 'Ting', 'Xue', 'Yi', 'Yun', 'Zhen', 'Zhiwei', 'Jianjun', 'Liqiang', 'Dawei',
  'Xiaohong', 'Yuming', 'Jiayi', 'Mingyu', 'Shuang', 'Tianyu', 'Wenjie', 'Yuxuan', 'Zhihao', 'Chun', 'Dan', 'Feng',
  'Hao', 'Jia', 'Kun', 'Long', 'Qing', 'Song', 'Xiang', 'Ying', 'Zhuo', 'Ka Ming', 'Wai Kit', 'Siu Fung', 'Mei Ling',
];
export const ZH_SURNAMES_MORE = [
  '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶',
  '阎', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚', '谭', '廖', '邹', '熊', '金',
  '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯', '邵', '孟', '龙', '万', '段', '雷', '钱',
  '汤', '尹', '黎', '易', '常', '武', '乔', '贺', '赖', '龚', '文', '诸葛', '上官', '东方', '皇甫',
];
export const ZH_GIVEN_MORE = [
  '国庆', '建国', '志明', '晓燕', '丽华', '玉兰', '秀兰', '春梅', '海涛', '红梅', '俊杰', '佳琪', '思远', '雨桐', '一鸣',
  '子轩', '宇航', '嘉怡', '欣怡', '雅婷', '文博', '振华', '立新', '永强', '德明', '春生', '金凤', '美玲', '少华', '伟东',
  '晨', '琳', '婷', '倩', '颖', '瑶', '璐', '斌', '彬', '辉', '亮', '峰', '凯', '阳', '晶', '岩', '帆', '蕾', '萍', '燕',
  '薇', '捷', '锋', '昊', '鑫', '淼', '森', '磊磊', '佳', '震', '卫东', '爱华', '淑珍', '桂兰', '建军', '红', '军',
  '建平', '小龙', '晓峰', '国华', '海波', '立军', '长青', '文静', '梦瑶', '诗涵', '浩宇', '明轩', '泽宇', '睿',
];

export const EN_STREETS = [
  'Harbor', 'Mill', 'Station', 'Church', 'High', 'Park', 'Oak', 'Maple', 'Industrial', 'Commerce', 'Factory', 'River',
  'Lake', 'Hill', 'Market', 'Bridge', 'Canal', 'Kings', 'Queen', 'Victoria', 'Elm', 'Cedar', 'Pine', 'Washington',
  'Lincoln', 'Airport', 'Dock', 'Wharf', 'Enterprise', 'Innovation', 'Technology', 'Logistics', 'Foundry', 'Forge',
  'Quarry', 'Meadow', 'Orchard', 'Willow', 'Birch', 'Sunset', 'Riverside', 'Westgate', 'Eastfield', 'Northgate',
  'Southbank', 'Hauptstrasse', 'Industriestrasse', 'Rue de la Gare', 'Via Roma', 'Calle Mayor',
];
export const EN_STREET_TYPES = ['St', 'Street', 'Rd', 'Road', 'Ave', 'Avenue', 'Lane', 'Pkwy', 'Blvd', 'Way', 'Drive', 'Dr', 'Court', 'Place'];
export const EN_CITIES = [
  'Long Beach, CA', 'Dayton, OH', 'Newark, NJ', 'Joliet, IL', 'Chicago, IL', 'Houston, TX', 'Dallas, TX', 'Atlanta, GA',
  'Detroit, MI', 'Memphis, TN', 'Louisville, KY', 'Columbus, OH', 'Reno, NV', 'Phoenix, AZ', 'Seattle, WA', 'Portland, OR',
  'Boston, MA', 'Charlotte, NC', 'Toronto, ON', 'Mississauga, ON', 'Leeds', 'Manchester', 'Birmingham', 'Coventry',
  'Bristol', 'Glasgow', 'Felixstowe', 'Southampton', 'Cambridge', 'Hamburg', 'Bremen', 'Munich', 'Stuttgart', 'Cologne',
  'Lyon', 'Marseille', 'Le Havre', 'Antwerp', 'Rotterdam', 'Venlo', 'Milan', 'Turin', 'Barcelona', 'Valencia', 'Gdansk',
  'Poznan', 'Brno', 'Gyor', 'Istanbul', 'Dubai', 'Singapore', 'Penang', 'Bangkok', 'Ho Chi Minh City', 'Manila', 'Busan',
  'Osaka', 'Nagoya', 'Sydney', 'Melbourne', 'Auckland', 'Monterrey', 'Sao Paulo', 'Pune', 'Chennai', 'Shanghai',
  'Suzhou', 'Shenzhen', 'Ningbo', 'Tianjin', 'Qingdao', 'Kwun Tong', 'Kowloon Bay', 'Tsuen Wan',
];
export const EN_SITE_WORDS = ['Warehouse', 'Unit', 'Building', 'Bay', 'Dock', 'Hall', 'Plant', 'Yard', 'Gate', 'Shed', 'Suite', 'Block'];
export const EN_ROADS = ['I-95', 'I-80', 'I-10', 'I-5', 'M6', 'M1', 'A14', 'A1', 'A7', 'E40', 'Route 9', 'Highway 401', 'US-41', 'A9', 'E19', 'N7'];

export const ZH_PROVINCES = [
  '江苏省', '浙江省', '广东省', '山东省', '河北省', '河南省', '湖北省', '湖南省', '四川省', '福建省', '安徽省', '江西省',
  '辽宁省', '吉林省', '陕西省', '山西省', '云南省', '广西壮族自治区', '',
];
export const ZH_CITIES = [
  '上海市', '北京市', '天津市', '重庆市', '苏州市', '无锡市', '常州市', '南京市', '南通市', '杭州市', '宁波市', '温州市',
  '嘉兴市', '绍兴市', '广州市', '深圳市', '东莞市', '佛山市', '珠海市', '中山市', '青岛市', '烟台市', '济南市', '潍坊市',
  '郑州市', '武汉市', '长沙市', '成都市', '西安市', '合肥市', '厦门市', '福州市', '泉州市', '沈阳市', '大连市', '长春市',
  '昆明市', '南宁市', '石家庄市', '唐山市', '芜湖市', '昆山市', '太仓市', '慈溪市', '义乌市',
];
export const ZH_DISTRICTS = [
  '浦东新区', '闵行区', '嘉定区', '松江区', '宝山区', '朝阳区', '海淀区', '大兴区', '滨海新区', '渝北区', '工业园区', '吴中区',
  '相城区', '虎丘区', '新吴区', '江宁区', '萧山区', '余杭区', '北仑区', '鄞州区', '黄埔区', '番禺区', '宝安区', '龙岗区',
  '南山区', '长安镇', '顺德区', '黄岛区', '历城区', '经开区', '高新区', '东西湖区', '雨花区', '双流区', '未央区', '海沧区',
  '开发区', '保税区', '木渎镇', '周巷镇',
];
export const ZH_ROADS = [
  '张江路', '星湖街', '开发大道', '建国路', '胜太路', '金枫路', '狮山路', '长江路', '黄河路', '人民路', '解放路', '中山路',
  '工业大道', '科技路', '创业路', '园区路', '环城北路', '滨江大道', '新华路', '和平路', '振兴路', '兴业路', '富民路',
  '友谊路', '青年路', '港城路', '物流大道', '机场路', '沿海大道', '东方路', '华夏路', '民主路', '复兴路', '湖滨路',
];
export const ZH_SITE_SUFFIXES = ['号', '号3号仓库', '号厂区', '号B栋', '号物流园', '号2号车间', '号院', '号停车场', '号仓库', '号1号门', '号办公楼'];
export const ZH_HIGHWAYS = ['沪昆高速', '沪宁高速', '京沪高速', '京港澳高速', '沈海高速', '杭州湾跨海大桥', '广深高速', '沪渝高速', '连霍高速', '长深高速'];
export const ZH_HIGHWAY_PARTS = ['嘉兴段', '无锡段', '苏州段', '常州段', '杭州段', '东莞段', '济南段', '郑州段', '出口附近', '服务区', '收费站'];
export const ZH_PORTS = ['宁波北仑港', '天津港', '青岛前湾港', '上海洋山港', '深圳盐田港', '广州南沙港', '厦门海沧港', '大连港', '连云港港'];

export const COMPONENT_SIDES_EN = ['lh', 'rh', 'left', 'right', 'upper', 'lower', 'front', 'rear', 'inner', 'outer', 'fwd', 'aft', 'top', 'bottom', 'inboard', 'outboard', 'center', 'no. 2', 'l/h', 'r/h'];
export const COMPONENTS_EN = [
  'housing', 'flange', 'weld seam', 'bore', 'thread', 'bracket', 'mounting bracket', 'surface', 'edge', 'seat track', 'cover',
  'cover plate', 'skin', 'frame', 'hinge', 'gasket face', 'sealing face', 'sealing surface', 'shaft', 'shaft journal',
  'gear teeth', 'bearing seat', 'cylinder head', 'valve seat', 'bumper', 'door panel', 'hood', 'pcb', 'solder joint',
  'terminal', 'cable harness', 'harness', 'fan blade', 'nacelle', 'floor panel', 'door seal', 'hydraulic line', 'pump body',
  'impeller', 'lens', 'display', 'keypad', 'battery cover', 'face', 'side wall', 'corner', 'mating face', 'o-ring groove',
  'rivet row', 'spar cap', 'bulkhead', 'landing gear door', 'exhaust pipe', 'heat shield', 'snap fit', 'clip', 'boss',
  'rib', 'web', 'fillet', 'chamfer', 'keyway', 'spline', 'journal', 'piston', 'crankshaft', 'camshaft', 'fuel rail',
  'injector', 'manifold', 'radiator', 'condenser', 'compressor wheel', 'turbine housing', 'brake disc', 'caliper',
  'wheel hub', 'wheel rim', 'tyre sidewall', 'windshield', 'mirror housing', 'tail lamp', 'headlamp lens', 'grille',
  'fender', 'sill', 'roof panel', 'trunk lid', 'tailgate', 'seat frame', 'seat belt buckle', 'dashboard', 'trim panel',
  'connector', 'connector housing', 'pin', 'socket', 'relay', 'fuse box', 'motor housing', 'stator', 'rotor', 'coil',
  'casting', 'forging', 'inlet port', 'outlet port', 'nozzle', 'valve body', 'spool', 'piston rod', 'cylinder barrel',
  'gearbox housing', 'oil pan', 'sump', 'filter housing', 'hose', 'hose clamp', 'fitting', 'elbow', 'tube', 'duct',
  'panel', 'access panel', 'fairing', 'flap track', 'slat', 'aileron', 'elevator', 'rudder', 'wing root', 'leading edge',
  'trailing edge', 'stringer', 'longeron', 'cargo door', 'pax door', 'galley', 'lavatory floor', 'window frame',
  'acoustic panel', 'inlet cowl', 'fan cowl', 'thrust reverser', 'pylon', 'engine mount', 'blade root', 'disc slot',
  'label area', 'logo', 'screen', 'button', 'bezel', 'enclosure', 'lid', 'base plate', 'foot', 'handle', 'knob',
];
export const COMPONENT_NUMBERED_EN = ['frame', 'stringer', 'connector pin', 'cylinder', 'bolt hole', 'rib', 'bay', 'slot', 'zone', 'pin', 'cell', 'position', 'blade'];

export const COMPONENT_SIDES_ZH = ['左', '右', '前', '后', '上', '下', '内', '外', '左前', '右后', '左侧', '右侧', '顶部', '底部', '中间'];
export const COMPONENTS_ZH = [
  '外壳', '法兰面', '焊缝', '内孔', '螺纹', '安装支架', '支架', '表面', '边缘', '密封面', '端面', '卡扣', '门板', '底座',
  '外圆', '轴颈', '齿面', '轴承位', '缸盖', '阀座', '保险杠', '前盖', '后盖', '线路板', '焊点', '端子', '线束', '风扇叶片',
  '壳体内侧', '安装孔', '倒角处', '顶面', '侧壁', '拐角', '配合面', '密封槽', '管路接头', '泵体', '叶轮', '镜片', '显示屏',
  '按键', '电池盖', '铆钉处', '加强筋', '散热片', '出风口', '螺栓孔', '轴承座', '齿轮', '齿轮轴', '活塞', '曲轴', '凸轮轴',
  '油轨', '喷油器', '进气歧管', '排气管', '散热器', '冷凝器', '刹车盘', '卡钳', '轮毂', '轮辋', '挡风玻璃', '后视镜壳',
  '尾灯', '大灯灯罩', '格栅', '翼子板', '门槛', '车顶', '后备箱盖', '座椅骨架', '仪表台', '饰板', '连接器', '插针', '插座',
  '继电器', '电机壳', '定子', '转子', '线圈', '铸件', '锻件', '进油口', '出油口', '喷嘴', '阀体', '阀芯', '活塞杆', '缸筒',
  '变速箱壳体', '油底壳', '滤清器壳', '软管', '卡箍', '接头', '弯头', '管子', '风道', '面板', '把手', '旋钮', '底板',
  '标签处', '丝印', '屏幕', '边框', '盖板', '焊接处', '折弯处', '孔口', '螺母', '垫片', '密封圈', '胶条', '注塑件浇口',
];

export const LOSS_TYPES_MORE = {
  en: [
    'burst pipe', 'pipe burst', 'roof leak', 'sprinkler leakage', 'escape of water', 'flooding', 'flash flood',
    'storm surge', 'windstorm', 'typhoon', 'hurricane damage', 'tornado damage', 'lightning strike', 'power surge',
    'short circuit', 'electrical fire', 'explosion', 'smoke damage', 'arson', 'forklift collision', 'forklift impact',
    'side impact', 'head-on collision', 'vehicle rollover', 'jackknifed truck', 'container drop', 'crane collapse',
    'cargo shift', 'wet damage', 'condensation damage', 'temperature deviation', 'reefer breakdown', 'spoilage',
    'contamination of stock', 'shortage on delivery', 'pilferage', 'hijacking', 'theft from trailer', 'break-in',
    'attempted burglary', 'cyber incident', 'engine failure', 'gearbox failure', 'motor burnout',
    'boiler explosion', 'compressor failure', 'mechanical breakdown', 'software fault', 'design defect',
    'manufacturing defect', 'warranty failure', 'recall', 'personal injury', 'slip and fall', 'third-party property damage',
    'subsidence', 'earthquake damage', 'snow load collapse', 'freeze damage', 'frozen pipes', 'mould damage',
    'accidental damage', 'impact damage', 'crushed packaging', 'dropped during handling', 'handling damage',
    'water ingress', 'rain damage', 'sea water damage', 'collision with bridge', 'parking damage', 'scratched paintwork',
    'windscreen chip', 'stolen vehicle', 'business interruption', 'loss of refrigerated cargo',
  ],
  zh: [
    '爆管', '水管爆裂', '屋顶漏水', '消防喷淋误喷', '暴雨', '洪水', '内涝', '泡水', '台风', '大风', '雷击', '电涌', '短路',
    '电气火灾', '爆炸', '烟熏', '纵火', '叉车碰撞', '叉车撞击', '侧面碰撞', '正面碰撞', '车辆侧翻', '侧翻', '集装箱跌落',
    '吊装坠落', '货物移位', '受潮', '冷凝水', '温控失效', '冷机故障', '货物变质', '短少', '丢失', '被盗', '入室盗窃',
    '抢劫', '主轴烧毁', '发动机故障', '变速箱故障', '电机烧毁', '锅炉爆炸', '压缩机故障', '机械故障', '软件故障',
    '设计缺陷', '制造缺陷', '质量问题', '召回', '人身伤害', '滑倒摔伤', '第三者财产损失', '地面沉降', '地震', '雪压',
    '冻裂', '霉变', '意外损坏', '撞击损坏', '包装压坏', '装卸跌落', '搬运损坏', '进水', '雨淋', '海水浸泡', '剐蹭',
    '车辆划伤', '玻璃破碎', '车辆被盗', '营业中断', '冷链货物损失', '刮擦', '倒车碰撞', '追尾碰撞', '货物被盗', '火灾',
    '水渍', '水损', '货损', '碰撞', '追尾', '盗窃', '失窃', '运输损坏', '设备故障', '机器损坏', '电气故障', '雹灾',
  ],
};

export const COMPANIES_MORE = {
  en: [
    'Harwick Engineering', 'Brandt Feinmechanik GmbH', 'Castle Gaskets Ltd', 'Westbrook Appliances', 'Marsh Lane Foods Ltd',
    'Orion Freight Co.', 'Solent Marine Services', 'De Boer Verpakking BV', 'Albion Mutual plc', 'Bureau Veritas', 'SGS',
    'Lusitania Moldes SA', 'Fratelli Conti S.p.A.', 'Nordic Steel AB', 'Kangaroo Logistics Pty Ltd', 'Tanaka Seiki Co., Ltd.',
    'Helvetia Präzision AG', 'Pacific Rim Trading Co.', 'Ridgeway Plastics Inc.', 'Lakeside Motors LLC', 'Baltic Cargo Sp. z o.o.',
    'TÜV Süd', 'Marsh', 'Aon', 'Allianz', 'AXA XL', 'Zurich', 'Chubb', 'Tokio Marine', 'Liberty Mutual', 'Travelers',
    'Crawford & Company', 'Sedgwick', 'DHL Supply Chain', 'Kuehne + Nagel', 'Maersk', 'DB Schenker', 'FedEx', 'UPS',
    'Bosch', 'Continental', 'Magna', 'Valeo', 'Denso', 'Foxconn', 'Jabil', 'Flex', 'Siemens', 'ABB', 'Schneider Electric',
    'Precision Castparts', 'Spirit AeroSystems', 'Lufthansa Technik', 'ST Engineering', 'Haeco', 'Boeing', 'Airbus',
    'Apex Castings LLC', 'Bluewater Components Inc.', 'Great Lakes Stamping', 'Pioneer Plastics', 'Summit Fasteners',
    'Atlas Hydraulics', 'Redwood Electronics', 'Silverline Coatings', 'Trident Forge', 'Keystone Molding',
  ],
  zh: [
    '昆山宏达五金制品有限公司', '苏州精工机械有限公司', '嘉兴联合包装有限公司', '温州瑞丰阀门厂', '合肥新能电池有限公司', '上海恒达物流有限公司', '宁波永兴模具厂', '深圳华科电子有限公司',
    '天津海通运输公司', '中国人民财产保险股份有限公司', '中国平安财产保险股份有限公司', '中国太平洋财产保险股份有限公司',
    '中华联合财产保险', '大地保险', '阳光财产保险', '人保财险', '平安产险', '太保产险', '国寿财险', '顺丰速运', '德邦物流',
    '中远海运', '京东物流', '比亚迪', '宁德时代', '海尔', '美的集团', '格力电器', '富士康', '立讯精密', '潍柴动力', '玉柴',
    '常州华威模具有限公司', '东莞新科塑胶制品厂', '无锡恒力精密铸造有限公司', '杭州正泰电器', '佛山顺德家电配件厂',
    '青岛海工重工', '武汉钢铁', '重庆长安汽车', '广汽集团', '上汽大众', '一汽解放', '中国商飞', '东方航空技术有限公司',
  ],
};

export const DEPARTMENTS = {
  en: ['QA', 'Quality', 'Production', 'Maintenance', 'Engineering', 'Purchasing', 'Logistics', 'Finance', 'HR', 'EHS', 'Planning', 'Customer Service', 'Claims', 'Underwriting', 'MRB', 'Tooling', 'Stores'],
  zh: ['质量部', '品质部', '生产部', '设备部', '工程部', '采购部', '物流部', '财务部', '人事部', '安环部', '计划部', '客服部', '理赔部', '核保部', '仓储部', '技术部', '行政部'],
};

export const JOB_TITLES = {
  en: ['QA Manager', 'Quality Engineer', 'Supplier Quality Engineer', 'Production Supervisor', 'Plant Manager', 'Shift Lead', 'Logistics Manager', 'Claims Handler', 'Loss Adjuster', 'Account Manager', 'Maintenance Planner', 'Buyer', 'Operations Director', 'Team Leader'],
  zh: ['质量经理', '质量工程师', '供应商质量工程师', '生产主管', '厂长', '班长', '物流经理', '理赔专员', '公估师', '客户经理', '设备主管', '采购员', '运营总监', '组长'],
};

/** More written forms per defect type, including multi-word shop-floor phrasing. */
const DEFECT_WORDS_MORE: Record<DefectType, { en: string[]; zh: string[] }> = {
  scratch: { en: ['deep scratch', 'light scratches', 'scuffing', 'gouge', 'gouges', 'tool marks', 'score marks', 'handling marks'], zh: ['表面划伤', '轻微划痕', '刮痕', '擦花', '划花'] },
  dent: { en: ['impact damage', 'dimple', 'dimples', 'dinged', 'nicks', 'nick', 'dent damage'], zh: ['磕伤', '压伤', '碰凹', '磕碰伤', '凹点'] },
  crack: { en: ['cracks', 'hairline cracks', 'stress crack', 'split', 'fissure', 'weld crack'], zh: ['裂开', '龟裂', '细裂纹', '焊接裂纹', '发纹'] },
  porosity: { en: ['gas porosity', 'shrinkage cavity', 'air bubbles', 'blow hole', 'pin hole', 'porous weld'], zh: ['缩松', '砂孔', '气孔缺陷', '铸造气孔'] },
  burr: { en: ['excess flash', 'burred edge', 'sharp burr', 'flashing'], zh: ['毛边', '批锋过大', '飞边毛刺'] },
  deformation: { en: ['warped', 'bowed', 'twisted', 'out of shape', 'bulging', 'swelling', 'buckling'], zh: ['鼓起', '扭曲变形', '压变形', '缩水变形', '不平整'] },
  discoloration: { en: ['heat discoloration', 'burn marks', 'tarnish', 'faded', 'colour variation', 'wrong colour', 'orange peel', 'blush'], zh: ['发白', '颜色不均', '烧焦', '黑斑', '黄斑'] },
  contamination: { en: ['oil contamination', 'foreign object', 'metal chips', 'swarf', 'grease', 'dust', 'residue', 'fingerprints'], zh: ['异物残留', '铁屑', '油渍', '灰尘', '污渍', '飞溅'] },
  corrosion: { en: ['corrosion pitting', 'surface rust', 'white rust', 'oxidised', 'galvanic corrosion', 'heavy corrosion'], zh: ['锈斑', '氧化', '腐蚀坑', '严重锈蚀', '发锈'] },
  wear: { en: ['excessive wear', 'wear scars', 'chafe marks', 'erosion', 'material loss', 'worn through'], zh: ['磨损严重', '磨破', '破皮', '磨损超限'] },
  leak: { en: ['leakers', 'seeping', 'weep', 'drip', 'hydraulic leak', 'coolant leak', 'pressure drop'], zh: ['渗液', '漏液', '渗水', '密封不良', '漏'] },
  broken: { en: ['snapped off', 'chipped edge', 'broken tab', 'broken clip', 'fractured weld', 'cracked and broken'], zh: ['断', '破', '崩齿', '碎裂', '断脚'] },
  dimensional: { en: ['oversize bore', 'undersize', 'out of tolerance', 'under torque', 'over torque', 'too long', 'too short', 'out of round', 'flatness out', 'position out of tolerance', 'bore diameter oversize', 'hardness low'], zh: ['孔径偏大', '孔距超差', '平面度超差', '位置度超差', '超长', '过短', '扭矩不足', '硬度偏低', '超厚', '偏薄'] },
  missing_part: { en: ['missing label', 'missing nut', 'missing washer', 'no clip', 'not fitted', 'absent', 'missing o-ring', 'screw not installed'], zh: ['漏贴', '螺钉漏装', '缺垫片', '少螺丝', '未装', '漏打标'] },
  other: { en: ['solder bridging', 'cold solder joint', 'short shot', 'loose', 'runs', 'sags', 'misprint', 'wrong part', 'mixed parts', 'incomplete weld'], zh: ['虚焊', '连锡', '冷隔', '流挂', '松动', '起皮', '印刷不良', '错料', '少胶', '缺胶'] },
};
for (const t of DEFECT_TYPES) {
  DEFECT_WORDS[t].en.push(...DEFECT_WORDS_MORE[t].en);
  DEFECT_WORDS[t].zh.push(...DEFECT_WORDS_MORE[t].zh);
}

export const SEVERITY_MORE = {
  en: ['Maj', 'Min', 'CR', 'MA', 'MI', 'S1', 'S2', 'S3', 'cat 1', 'cat 2', 'cat 3', 'class A', 'class B', 'class C', 'sev 1', 'sev 2', 'sev 3', 'cosmetic', 'serious', 'safety', 'significant', 'slight'],
  zh: ['A级', 'B级', 'C级', '关键', '重要', '轻', '一般', '危急', '致命', '严重', '轻微'],
};
export const DISPOSITION_MORE = {
  en: ['accept', 'accepted', 'concession', 'deviation', 'waiver', 'release', 'released', 'ok to fly', 'return to service', 'serviceable', 'no action', 'defer', 'sort', 'sorted', '100% sort', 're-torque', 're-torqued', 're-label', 'touch-up', 'blend out', 'rectify', 'reprocess', 'clean', 'discard', 'write-off', 'send back to supplier', 'RTV to supplier', 'return to foundry', 'quarantined', 'segregate', 'MRB', 'pending MRB', 'grounded', 'block', 'on stop'],
  zh: ['让步使用', '放行', '保留', '接收', '降级使用', '照用', '可用', '修理', '修复', '重工', '挑选', '补焊', '打磨', '清洁', '重新拧紧', '销毁', '退供应商', '退厂', '拒收', '退回', '封存', '待定', '暂扣', '待处理', '待判', '扣留', '停场', '挂起'],
};
