import { cleanText, normalizeCompactId, normalizeEmail, normalizeIdentifier, normalizeName, toHalfWidth } from './text';

describe('text normalisers', () => {
  it('maps full-width ASCII and the ideographic space to half-width, leaving CJK alone', () => {
    expect(toHalfWidth('ＰＮ－３３０１９　批次：Ａ１')).toBe('PN-33019 批次:A1');
    expect(toHalfWidth('２０２６年３月５日')).toBe('2026年3月5日');
  });
  it('normalises identifiers: half-width, trimmed of caught punctuation, upper-case', () => {
    expect(normalizeIdentifier(' hx-2210, ')).toBe('HX-2210');
    expect(normalizeIdentifier('ＷＯ－９９０１２')).toBe('WO-99012');
    expect(normalizeIdentifier('#A-20883')).toBe('A-20883');
    expect(normalizeIdentifier('HOM  4421 0098')).toBe('HOM 4421 0098');
    expect(normalizeIdentifier('lot 25-339')).toBe('LOT 25-339');
  });
  it('compacts national ids and VINs', () => {
    expect(normalizeCompactId('3101 0419 6501 0110 09')).toBe('310104196501011009');
    expect(normalizeCompactId('11010519891023413x')).toBe('11010519891023413X');
  });
  it('normalises emails and names', () => {
    expect(normalizeEmail('J.Whitaker@BTinternet.com.')).toBe('j.whitaker@btinternet.com');
    expect(normalizeName('  Mr.  James   Whitaker ')).toBe('James Whitaker');
    expect(normalizeName('Lopez, Ana')).toBe('Lopez, Ana');
    expect(cleanText(' a\n b ')).toBe('a b');
  });
});
