import { isKnownDefect, normalizeDefectType, normalizeDisposition, normalizeLossType, normalizeSeverity } from './taxonomy';

describe('normalizeDefectType', () => {
  it.each([
    ['scratches', 'scratch'], ['scratched', 'scratch'], ['scuff marks', 'scratch'], ['划伤', 'scratch'], ['划痕', 'scratch'],
    ['dents', 'dent'], ['dented', 'dent'], ['凹坑', 'dent'], ['磕碰', 'dent'], ['凹陷', 'dent'],
    ['crack', 'crack'], ['cracked', 'crack'], ['crazing', 'crack'], ['裂纹', 'crack'], ['开裂', 'crack'], ['银纹', 'crack'],
    ['Porosity', 'porosity'], ['air bubbles', 'porosity'], ['pinholes', 'porosity'], ['气孔', 'porosity'], ['砂眼', 'porosity'], ['疏松', 'porosity'],
    ['burrs', 'burr'], ['Burr', 'burr'], ['毛刺', 'burr'], ['飞边', 'burr'],
    ['deformed', 'deformation'], ['warped', 'deformation'], ['bent', 'deformation'], ['变形', 'deformation'], ['翘曲', 'deformation'],
    ['paint discoloration', 'discoloration'], ['discolouration', 'discoloration'], ['Stain', 'discoloration'], ['Discolored', 'discoloration'], ['色差', 'discoloration'], ['发黑', 'discoloration'],
    ['Contamination', 'contamination'], ['metal chips', 'contamination'], ['Foreign material', 'contamination'], ['Oil contamination', 'contamination'], ['油污', 'contamination'], ['异物', 'contamination'], ['油脂污染', 'contamination'],
    ['edge chips', 'broken'], ['paint chips', 'broken'], ['oxidation', 'corrosion'], ['nicks', 'dent'], ['nicked', 'dent'], ['sink marks', 'deformation'], ['缩痕', 'deformation'],
    ['corroded', 'corrosion'], ['rust', 'corrosion'], ['pitting', 'corrosion'], ['heavy corrosion', 'corrosion'], ['腐蚀', 'corrosion'], ['生锈', 'corrosion'], ['锈蚀', 'corrosion'],
    ['wear', 'wear'], ['worn', 'wear'], ['Chafing', 'wear'], ['wire chafe', 'wear'], ['abrasion', 'wear'], ['galling', 'wear'], ['磨损', 'wear'], ['破皮', 'wear'], ['磨损超限', 'wear'],
    ['leak', 'leak'], ['leaking', 'leak'], ['leakers', 'leak'], ['泄漏', 'leak'], ['渗漏', 'leak'], ['漏气', 'leak'],
    ['broken', 'broken'], ['chipped', 'broken'], ['断裂', 'broken'], ['崩齿', 'broken'], ['破损', 'broken'],
    ['oversize', 'dimensional'], ['Dimensional', 'dimensional'], ['Out of flat', 'dimensional'], ['too long', 'dimensional'], ['尺寸超差', 'dimensional'], ['超差', 'dimensional'], ['偏大', 'dimensional'], ['平面度超差', 'dimensional'], ['超长', 'dimensional'],
    ['missing part', 'missing_part'], ['missing clip', 'missing_part'], ['Missing', 'missing_part'], ['missing label', 'missing_part'], ['漏装', 'missing_part'], ['卡扣缺失', 'missing_part'], ['漏贴标签', 'missing_part'],
    ['solder bridging', 'other'], ['orange peel', 'other'], ['虚焊', 'other'], ['连锡', 'other'], ['冷隔', 'other'],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeDefectType(raw)).toBe(want);
  });
  it('tells taxonomy matches from the other fallback', () => {
    expect(isKnownDefect('气孔')).toBe(true);
    expect(isKnownDefect('solder bridging')).toBe(false);
  });
});

describe('normalizeSeverity', () => {
  it.each([
    ['minor', 'minor'], ['Minor', 'minor'], ['MINOR', 'minor'], ['cosmetic', 'minor'], ['轻微', 'minor'], ['一般', 'minor'], ['C类', 'minor'],
    ['major', 'major'], ['MAJ', 'major'], ['Severity 2', 'major'], ['严重', 'major'], ['主要', 'major'], ['B类', 'major'],
    ['critical', 'critical'], ['CRITICAL', 'critical'], ['crit', 'critical'], ['safety', 'critical'], ['致命', 'critical'], ['A类', 'critical'], ['cat 1', 'critical'],
    // A bare class letter, and class / category / severity captions with a colon or full stop.
    ['A', 'critical'], ['B', 'major'], ['C', 'minor'], ['b', 'major'], ['(A)', 'critical'], ['C.', 'minor'],
    ['CLASS: B', 'major'], ['Class: A', 'critical'], ['class C', 'minor'], ['Class-B', 'major'], ['Cat. 2', 'major'], ['Cat: 1', 'critical'],
    ['cat. b', 'major'], ['Category: III', 'minor'], ['Sev: 1', 'critical'], ['Severity: 2', 'major'], ['CLASS：B', 'major'],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeSeverity(raw)).toBe(want);
  });
  it('returns null for words that are not severities', () => {
    expect(normalizeSeverity('blue')).toBeNull();
    expect(normalizeSeverity('n/a')).toBeNull();
    expect(normalizeSeverity('D')).toBeNull();
  });
  it('does not map a bare number (FMEA severity runs 1 = no effect to 10 = hazardous)', () => {
    expect(normalizeSeverity('1')).toBeNull();
    expect(normalizeSeverity('2')).toBeNull();
  });
});

describe('normalizeDisposition', () => {
  it.each([
    ['use as is', 'use_as_is'], ['use-as-is', 'use_as_is'], ['UAI', 'use_as_is'], ['Use as is', 'use_as_is'], ['acceptable', 'use_as_is'],
    ['ok to fly', 'use_as_is'], ['return to service', 'use_as_is'], ['让步接收', 'use_as_is'], ['特采', 'use_as_is'], ['放行', 'use_as_is'], ['让步使用', 'use_as_is'],
    ['rework', 'rework'], ['Rework', 'rework'], ['reworked', 'rework'], ['repaired', 'rework'], ['返工', 'rework'], ['返修', 'rework'], ['修理', 'rework'], ['修复', 'rework'], ['挑选使用', 'rework'],
    ['scrap', 'scrap'], ['scrapped', 'scrap'], ['Scrap', 'scrap'], ['报废', 'scrap'],
    ['Return to supplier', 'return_to_supplier'], ['RTV', 'return_to_supplier'], ['RTS', 'return_to_supplier'], ['Return to vendor', 'return_to_supplier'], ['return to foundry', 'return_to_supplier'],
    ['退货', 'return_to_supplier'], ['退回供应商', 'return_to_supplier'], ['退供应商', 'return_to_supplier'], ['拒收', 'return_to_supplier'],
    ['hold', 'hold'], ['HOLD', 'hold'], ['quarantine', 'hold'], ['quarantined', 'hold'], ['隔离', 'hold'], ['冻结', 'hold'], ['暂扣', 'hold'], ['封存', 'hold'], ['待定', 'hold'], ['停场', 'hold'],
    // -ing forms.
    ['holding', 'hold'], ['Holding', 'hold'], ['quarantining', 'hold'], ['freezing', 'hold'],
    ['binning', 'scrap'], ['binned', 'scrap'], ['scrapping', 'scrap'], ['writing off', 'scrap'],
    ['reworking', 'rework'], ['cleaning', 'rework'], ['touching up', 'rework'], ['re-tightened', 'rework'],
    ['returning to supplier', 'return_to_supplier'], ['Returning to vendor', 'return_to_supplier'], ['sending back to supplier', 'return_to_supplier'],
    ['releasing', 'use_as_is'],
    // "return to service" stays use_as_is in every form, ahead of the return-to-supplier phrases.
    ['returning to service', 'use_as_is'], ['returned to service', 'use_as_is'],
    ['重新紧固', 'rework'], ['重新拧紧', 'rework'], ['返回供应商', 'return_to_supplier'], ['特采放行', 'use_as_is'],
    // Chinese MRB verdicts written with 判 ("judged"), and cleaning.
    ['判退', 'return_to_supplier'], ['整批判退', 'return_to_supplier'], ['判废', 'scrap'], ['判报废', 'scrap'],
    ['清洗', 'rework'], ['清洗后使用', 'rework'], ['让步返工', 'rework'], ['待判', 'hold'], ['判让步', 'use_as_is'], ['让步', 'use_as_is'], ['判返工', 'rework'],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeDisposition(raw)).toBe(want);
  });
  it('returns null for words that are not dispositions', () => {
    expect(normalizeDisposition('inspected')).toBeNull();
    expect(normalizeDisposition('withholding')).toBeNull();
    expect(normalizeDisposition('判')).toBeNull();
  });
});

describe('normalizeLossType', () => {
  it.each([
    ['rear-end collision', 'collision'], ['hit and run while parked', 'collision'], ['side swiped by an artic', 'collision'], ['rollover on a wet ramp', 'collision'], ['grounding on a rock ledge', 'collision'],
    ['追尾', 'collision'], ['车辆侧翻', 'collision'], ['与电动自行车剐蹭', 'collision'],
    ['burglary', 'theft'], ['catalytic converter has been stolen', 'theft'], ['smash-and-grab', 'theft'], ['被盗', 'theft'], ['店里被盜', 'theft'],
    ['lost by the airline', 'lost'], ['36 cartons short', 'lost'], ['container lost overboard', 'lost'], ['行李遗失', 'lost'],
    ['malicious damage by tenant', 'vandalism'], ['ransomware attack', 'vandalism'], ['被人恶意划伤', 'vandalism'],
    ['kitchen fire', 'fire'], ['short-circuit fire', 'fire'], ['battery caught fire while charging', 'fire'], ['短路引发火灾', 'fire'], ['电路老化起火', 'fire'], ['自燃', 'fire'],
    ['hailstorm', 'weather'], ['storm damage to the garage roof', 'weather'], ['river flooding', 'weather'], ['River Severn burst its banks', 'weather'], ['暴雨进水', 'weather'], ['被水淹至仪表台', 'weather'], ['颱風', 'weather'],
    ['burst pipe', 'water'], ['water leak from the unit above', 'water'], ['inlet hose burst behind the washing machine', 'water'], ['楼上水管爆裂', 'water'], ['店内进水', 'water'],
    ['windscreen cracked by flying stone', 'glass'], ['前挡风玻璃破裂', 'glass'],
    ['glass fragment in a jar of tomato passata', 'contamination'], ['temperature excursion during transit', 'contamination'], ['货物变质', 'contamination'],
    ['compressor motor burnt out', 'breakdown'], ['water pump leaking at the impeller seal', 'water'], ['main hydraulic pump seized', 'breakdown'], ['compressor not starting, no cooling', 'breakdown'], ['制冷机组故障', 'breakdown'], ['电池鼓包无法充电', 'breakdown'], ['液压泵异响', 'breakdown'], ['housing cracked during use', 'breakdown'], ['rear rail buckled during normal use', 'breakdown'],
    ['dropped the phone', 'accidental_damage'], ['crushed during handling', 'accidental_damage'], ['scaffold collapsed', 'accidental_damage'], ['高空坠物砸中车顶', 'accidental_damage'],
    ['scald burns when the kettle lid detached', 'injury'], ['slipped on the wet marble floor', 'injury'], ['fractured wrist', 'injury'], ['右手被冲床压伤', 'injury'], ['急性阑尾炎', 'injury'],
    ['missed connection due to flight delay', 'other'], ['拖欠货款', 'other'],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeLossType(raw)).toBe(want);
  });

  it('lets the deciding cause win when a description names two', () => {
    expect(normalizeLossType('power surge during thunderstorm')).toBe('weather'); // not a breakdown
    expect(normalizeLossType('vandalism, shop window smashed')).toBe('vandalism'); // not glass
    expect(normalizeLossType('slip and fall on a wet floor')).toBe('injury'); // not water
  });
});

describe('traditional characters', () => {
  it('classify like their simplified forms (Taiwan and Hong Kong suppliers)', () => {
    expect(normalizeSeverity('嚴重')).toBe(normalizeSeverity('严重'));
    expect(normalizeSeverity('嚴重')).not.toBeNull();
    expect(normalizeDisposition('退貨')).toBe('return_to_supplier');
    expect(normalizeDisposition('報廢')).toBe(normalizeDisposition('报废'));
    expect(normalizeDefectType('劃傷')).toBe('scratch');
    expect(normalizeDefectType('變形')).toBe('deformation');
  });
});
