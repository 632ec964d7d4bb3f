import { isValidChineseResidentId, isValidLuhn, isValidVin, vinCheckDigit } from './checksums';

describe('identifier checksums', () => {
  it.each([
    ['11010519491231002X', true], // the standard's published example
    ['110105194912310021', false], // wrong check character
    ['11010519491331002X', false], // month 13
    ['1101051949123100', false],
  ])('GB 11643 %s -> %s', (id, ok) => expect(isValidChineseResidentId(id)).toBe(ok));

  it.each([
    ['4111111111111111', true],
    ['5500005555555559', true],
    ['4111111111111112', false],
    ['41111', false],
  ])('Luhn %s -> %s', (n, ok) => expect(isValidLuhn(n)).toBe(ok));

  it('VIN check digit', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true);
    expect(isValidVin('1M8GDM9A1KP042788')).toBe(false);
    expect(isValidVin('1M8GDM9AXKP04278')).toBe(false);
  });
});
