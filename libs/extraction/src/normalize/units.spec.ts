import { normalizeQuantity, unitToRec20 } from './units';

describe('unitToRec20', () => {
  it.each([
    ['mm', 'MMT'], ['MM', 'MMT'], ['cm', 'CMT'], ['m', 'MTR'], ['kg', 'KGM'], ['g', 'GRM'], ['L', 'LTR'],
    ['ml', 'MLT'], ['pcs', 'PCE'], ['件', 'PCE'], ['台', 'PCE'], ['套', 'SET'], ['sets', 'SET'], ['箱', 'XCT'],
    ['cartons', 'XCT'], ['µm', '4H'], ['微米', '4H'], ['毫米', 'MMT'], ['in', 'INH'], ['psi', 'PS'],
    ['Nm', 'NU'], ['%', 'P1'], ['℃', 'CEL'], ['公斤', 'KGM'], ['pairs', 'PR'],
    ['kN', 'B47'], ['MΩ', 'B75'], ['Mohm', 'B75'], ['megohm', 'B75'], ['kΩ', 'B49'], ['KΩ', 'B49'], ['kohm', 'B49'],
    ['Ω', 'OHM'], ['\u2126', 'OHM'], ['ohms', 'OHM'], ['mΩ', 'E45'], ['mA', '4K'], ['A', 'AMP'], ['mV', '2Z'],
    ['V', 'VLT'], ['kV', 'KVT'], ['dB', '2N'], ['mbar', 'MBR'], ['ml/min', '41'], ['mL / min', '41'], ['cc/min', 'G49'],
    ['兆欧', 'B75'], ['毫安', '4K'], ['分贝', '2N'],
  ])('%s -> %s', (word, code) => {
    expect(unitToRec20(word)).toBe(code);
  });
  it('returns null for words that are not units', () => {
    expect(unitToRec20('wheels')).toBeNull();
  });
  it('leaves an all-caps MOHM (megohm or milliohm) and the Shore scales without a code', () => {
    expect(unitToRec20('MOHM')).toBeNull();
    expect(unitToRec20('Shore A')).toBeNull();
  });
});

describe('normalizeQuantity', () => {
  it.each([
    ['5 pcs', 5, 'PCE'],
    ['12件', 12, 'PCE'],
    ['１７件', 17, 'PCE'],
    ['x3', 3, 'PCE'],
    ['3x', 3, 'PCE'],
    ['14', 14, 'PCE'],
    ['1 ea', 1, 'PCE'],
    ['3 units', 3, 'PCE'],
    ['6 pieces', 6, 'PCE'],
    ['12 sets', 12, 'SET'],
    ['12套', 12, 'SET'],
    ['２４箱', 24, 'XCT'],
    ['24箱', 24, 'XCT'],
    ['19 frames', 19, 'PCE'],
    ['共8只', 8, 'PCE'],
    ['三台', 3, 'PCE'],
    ['两件', 2, 'PCE'],
    ['约40个', 40, 'PCE'],
    ['two units', 2, 'PCE'],
    ['40pcs', 40, 'PCE'],
    ['1,200 pcs', 1200, 'PCE'],
    ['5 kg', 5, 'KGM'],
    // Chinese counts, rough counts (floor) and ranges (lower bound).
    ['十二个', 12, 'PCE'],
    ['一百二十件', 120, 'PCE'],
    ['一百二件', 120, 'PCE'],
    ['两千个', 2000, 'PCE'],
    ['1万个', 10000, 'PCE'],
    ['二十来个', 20, 'PCE'],
    ['十来件', 10, 'PCE'],
    ['二十多箱', 20, 'XCT'],
    ['30余件', 30, 'PCE'],
    ['三十余件', 30, 'PCE'],
    ['三四十个', 30, 'PCE'],
    ['两三箱', 2, 'XCT'],
    ['十四五件', 14, 'PCE'],
    ['约三四十个', 30, 'PCE'],
    // 千 belongs to the unit when 千+word is one (千克 kg, 千米 km).
    ['5千克', 5, 'KGM'],
    ['五千克', 5, 'KGM'],
    ['3千米', 3, 'KMT'],
  ])('%s -> %d %s', (raw, value, unit) => {
    expect(normalizeQuantity(raw)).toEqual({ value, unit });
  });
  it.each(['', 'several', 'pcs', 'many parts', '五三个', '多个'])('rejects %j', (raw) => {
    expect(normalizeQuantity(raw)).toBeNull();
  });
});
