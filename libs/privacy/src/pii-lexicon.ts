/**
 * Word lists the name and address recognisers lean on. Kept small and explicit: they exist to turn
 * a cue ("联系人", "Inspector:") into a confident span, not to find names in arbitrary prose.
 */

/** Common single-character Chinese surnames. Characters that are mostly function words (于, 向, 和) are left out on purpose: they cause more false spans than they find. */
export const ZH_SURNAMES = new Set(
  Array.from(
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤易常乔赖文施洪辛康柏牛殷' +
      '季翟倪庞聂彭甘詹申欧祝鲁葛温蓝卜柴应时童霍齐凌车裴路伍游岳盛华兰邢',
  ),
);

/** Two-character surnames; checked before single ones so 欧阳 wins over 欧. */
export const ZH_COMPOUND_SURNAMES = [
  '欧阳', '司马', '诸葛', '上官', '东方', '慕容', '皇甫', '令狐', '夏侯', '公孙', '尉迟', '长孙', '宇文', '司徒', '端木', '独孤', '南宫', '西门',
];

/**
 * Characters that end a Chinese name span when they would be the second given-name character:
 * the next word has started (电话, 先生, 确认, 负责, 的). A heuristic; two-character given names
 * whose second character is listed here come out one character short.
 */
export const ZH_NAME_STOP_CHARS = new Set(
  Array.from(
    '电手先女身的在于等已称表反是和与及同联报提签向对将把被从为因经负检审说发认要请告来去到也都还就会又再现今昨送收查核批处记复填寄年日号住地邮性男工您我他她你确已拒所此该其或并且共帮给让由按当做写看找问答通知核实称述证件建情',
  ),
);

/** The subset that also ends a span right after the surname: a first given character is rarely a function word. */
export const ZH_FIRST_GIVEN_STOP_CHARS = new Set(Array.from('的在于等已是和与及说称将把被对向给先女电手身从为也都就会要请'));

/** Labels after which a Chinese name is expected. */
export const ZH_NAME_LABELS = [
  '客户姓名', '姓名', '联系人', '申请人', '被保险人', '投保人', '报案人', '出险人', '当事人', '驾驶员', '驾驶人', '车主', '收件人', '寄件人',
  '检验员', '质检员', '检查员', '检验人', '检查人', '审核人', '审批人', '批准人', '复核人', '经办人', '负责人', '签字', '签名', '签收人',
  '报告人', '记录人', '处理人', '受理人', '理赔员', '查勘员', '工程师', '技术员', '操作员', '编制人', '编制', '审核', '批准', '确认人', '理赔专员',
  '户名', '账户名', '持卡人', '客户', '巡检员', '检验', '发起人', '我是', '本人', '检', 'IQC', 'QC', 'OQC', 'IPQC', '员工', '用户', '顾客', '被保人', '我叫', '患者', '乘客', '住户', '业主',
];

export const ZH_NAME_SUFFIXES = ['先生', '女士', '小姐', '老师', '师傅', '经理', '主任', '医生', '律师', '工程师'];

/** Common English given names, for "John Smith" with no other cue. */
export const EN_GIVEN_NAMES = new Set(
  (
    'James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven Paul ' +
    'Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry ' +
    'Justin Scott Brandon Benjamin Samuel Gregory Frank Alexander Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Henry Nathan ' +
    'Douglas Peter Kyle Walter Ethan Jeremy Harold Keith Christian Roger Noah Gerald Carl Terry Sean Austin Arthur Lawrence Jesse Dylan ' +
    'Bryan Joe Jordan Billy Bruce Albert Willie Gabriel Logan Alan Juan Wayne Roy Ralph Randy Eugene Vincent Russell Elijah Louis Bobby ' +
    'Philip Johnny Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley ' +
    'Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley ' +
    'Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather ' +
    'Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline ' +
    'Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle ' +
    'Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Tom Tim Mike Dave Steve Chris Kate Liz Sam Ben Dan ' +
    'Hans Klaus Jurgen Stefan Wolfgang Markus Thomas Lukas Anke Petra Sabine Pierre Jean Luc Marco Luca Giulia Carlos Miguel Ana Sofia ' +
    'Raj Priya Ahmed Fatima Yuki Kenji Hiroshi Olga Ivan Dmitri Elena Lars Ingrid Sven Erik Astrid Oliver Harry Jake Ella Chloe Lucy Amelia'
  ).split(' '),
);

/**
 * Capitalised words that end or veto an English name span: headers, job titles, organisational
 * words and calendar words that follow labels like "To:" or "Inspector".
 */
export const EN_NAME_STOP_WORDS = new Set(
  (
    'The A An All And Or Of On At In For From To By With Re Subject Ref Reference Date Time Phone Tel Telephone Mobile Cell Fax Email E-mail Mail ' +
    'Address Department Dept Team Group Quality Inspection Inspector Manager Engineer Engineering Supervisor Director Officer Lead Head ' +
    'Plant Line Shift Site Factory Warehouse Production Customer Customers Service Services Support Supplier Suppliers Vendor Company Corp ' +
    'Corporation Ltd Limited Inc LLC GmbH AG Co Claims Claim Policy Order Lot Batch Serial Part Number No Signature Signed Regards Thanks ' +
    'Thank Best Kind Sincerely Yours Dear Hi Hello Sir Madam Madame Mr Mrs Ms Miss Dr Prof Team Staff Member Members Colleagues ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October ' +
    'November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Street St Avenue Ave Road Rd Drive Lane Boulevard Please Note ' +
    'Defect Report Summary Status Approved Rejected Pending Result Results Finding Findings Attached Attachment See Per Our Your This That ' +
    'Insurance Insured Claimant Contact Name Unknown None N/A NA TBD Admin Administrator System Operator Operations Logistics Purchasing ' +
    'Sales Finance Legal HR IT QA QC MES ERP ID Card Bank Account Room Building Floor Unit Suite District City Province Mobile Ext'
  ).split(' '),
);

export const EN_HONORIFICS = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof'];

export const ZH_PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北',
  '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
];

export const ZH_CITIES = [
  '广州', '深圳', '杭州', '南京', '苏州', '武汉', '成都', '西安', '长沙', '郑州', '青岛', '济南', '沈阳', '大连', '哈尔滨', '长春', '合肥',
  '福州', '厦门', '南昌', '昆明', '贵阳', '南宁', '太原', '石家庄', '兰州', '西宁', '银川', '乌鲁木齐', '呼和浩特', '拉萨', '海口', '宁波',
  '无锡', '常州', '佛山', '东莞', '温州', '绍兴', '嘉兴', '烟台', '潍坊', '徐州', '南通', '扬州', '珠海', '惠州', '中山', '泉州', '柳州',
  '芜湖', '洛阳', '襄阳', '宜昌', '株洲', '保定', '唐山', '廊坊', '天津', '长春',
];
