import { parseChineseNumeral, parseNumber, roundTo } from './numbers';

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
  ])('%s -> %d', (raw, want) => {
    expect(parseChineseNumeral(raw)).toBe(want);
  });
  it('rejects non-numerals', () => {
    expect(parseChineseNumeral('三号')).toBeNull();
  });
});

describe('roundTo', () => {
  it('removes binary noise', () => {
    expect(roundTo(25 - 0.05, 2)).toBe(24.95);
    expect(roundTo(0.1 + 0.2, 1)).toBe(0.3);
  });
});
