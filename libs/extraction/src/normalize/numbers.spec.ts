import { dropRoughMarkers, parseAnyNumber, parseChineseNumeral, parseChineseRange, parseNumber, roundTo } from './numbers';

describe('parseNumber', () => {
  it.each([
    ['1,248.60', 1248.6],
    ['2.180,40', 2180.4],
    ['1.234.567', 1234567],
    ['185 000', 185000],
    ['3 450,00', 3450],
    ["1'250.5", 1250.5],
    ['1,150', 1150],
    ['12,5', 12.5],
    ['12.500', 12.5],
    ['-0.10', -0.1],
    ['+0.015', 0.015],
    ['４９．８７', 49.87],
    ['0', 0],
  ])('%s -> %d', (raw, want) => {
    expect(parseNumber(raw)).toBe(want);
  });
  it.each(['', '1,2,3', '12.', 'abc', '1 2', '1,23,456', '--1'])('rejects %j', (raw) => {
    expect(parseNumber(raw)).toBeNull();
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['两千三百', 2300],
    ['壹拾贰万', 120000],
    ['一亿二千万', 120000000],
    ['三', 3],
    ['一百零五', 105],
    ['一万零二', 10002],
    ['一百二十万', 1200000],
    ['十二万', 120000],
    // A last digit right after 百/千/万/亿 counts in the next lower unit.
    ['一万二', 12000],
    ['两万三', 23000],
    ['三千五', 3500],
    ['两百五', 250],
    ['十二万三', 123000],
    ['一万二千三', 12300],
    ['一亿二', 120000000],
    ['壹万贰', 12000],
    ['二十五', 25],
    ['三万亿', 3e12],
  ])('%s -> %d', (raw, want) => {
    expect(parseChineseNumeral(raw)).toBe(want);
  });
  it('rejects non-numerals and adjacent digits', () => {
    expect(parseChineseNumeral('三号')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
    expect(parseChineseNumeral('三四十')).toBeNull();
    expect(parseChineseNumeral('二〇二六')).toBeNull();
    expect(parseChineseNumeral('万')).toBeNull();
    expect(parseChineseNumeral('亿')).toBeNull();
  });
});

describe('parseAnyNumber', () => {
  it.each([
    ['1,248.60', 1248.6],
    ['一万二', 12000],
    ['1万2', 12000],
    ['1万2千', 12000],
    ['3千5', 3500],
    ['1万2500', 12500],
    ['1.2万', 12000],
    ['1.1万', 11000],
    ['2千5百', 2500],
  ])('%s -> %d', (raw, want) => {
    expect(parseAnyNumber(raw)).toBe(want);
  });
  it.each(['12a', '1万2万x', '12 3', '万'])('rejects %j', (raw) => {
    expect(parseAnyNumber(raw)).toBeNull();
  });
});

describe('parseChineseRange', () => {
  it.each([
    ['三四十', [30, 40]],
    ['两三千', [2000, 3000]],
    ['十四五', [14, 15]],
    ['三五', [3, 5]],
    ['一两', [1, 2]],
    ['一万三四', [13000, 14000]],
    ['三四百万', [3000000, 4000000]],
  ])('%s -> %j', (raw, want) => {
    expect(parseChineseRange(raw)).toEqual(want);
  });
  it.each(['三十', '五三', '二〇二六', '3四', ''])('rejects %j', (raw) => {
    expect(parseChineseRange(raw)).toBeNull();
  });
});

describe('dropRoughMarkers', () => {
  it.each([
    ['三万多', '三万'],
    ['3万余元', '3万元'],
    ['二十来个', '二十个'],
    ['一千多万', '一千万'],
    ['多', '多'],
    ['剩余3件', '剩余3件'],
    ['三多五', '三多五'],
  ])('%s -> %s', (raw, want) => {
    expect(dropRoughMarkers(raw)).toBe(want);
  });
});

describe('roundTo', () => {
  it('removes binary noise', () => {
    expect(roundTo(25 - 0.05, 2)).toBe(24.95);
    expect(roundTo(0.1 + 0.2, 1)).toBe(0.3);
  });
});
