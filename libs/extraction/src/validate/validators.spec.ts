import { normalizeAmount } from '../normalize/amounts';
import { normalizePhone } from '../normalize/phone';
import {
  VALID,
  validateAmount,
  validateDate,
  validateEmail,
  validateMeasurement,
  validateNationalId,
  validatePhone,
  validateQuantity,
  validateSerialOrVin,
} from './validators';

const NOW = new Date('2026-03-06T08:00:00Z');

describe('validateNationalId', () => {
  it('accepts ids with a correct GB 11643 check character, in either case, with stray spaces', () => {
    expect(validateNationalId('310104196501011009')).toEqual(VALID);
    expect(validateNationalId('11010519891023413x')).toEqual(VALID);
    expect(validateNationalId('3101 0419 6501 0110 09')).toEqual(VALID);
  });
  it('rejects a wrong check character, a wrong length and an impossible birth date', () => {
    expect(validateNationalId('51010719650228785X')).toMatchObject({ ok: false, issue: 'national_id_checksum' });
    expect(validateNationalId('13010219860604982')).toMatchObject({ ok: false, issue: 'national_id_format' });
    expect(validateNationalId('110105199902301234')).toMatchObject({ ok: false });
  });
  it('rejects a birth date after now', () => {
    // Born 2027-01-01, check character correct: only the date is wrong.
    expect(validateNationalId('110105202701010016')).toEqual(VALID);
    expect(validateNationalId('110105202701010016', NOW)).toMatchObject({ ok: false, issue: 'national_id_birth_date_in_future' });
  });
});

describe('validateSerialOrVin', () => {
  it('passes VINs whose check digit matches and serials that are not VIN-shaped', () => {
    expect(validateSerialOrVin('1FTFW1E57MFA12345')).toEqual(VALID);
    expect(validateSerialOrVin('lsvam4185c2184751')).toEqual(VALID);
    expect(validateSerialOrVin('DW60A2231187')).toEqual(VALID);
    expect(validateSerialOrVin('356938035643809')).toEqual(VALID);
  });
  it('lowers confidence on a check-digit mismatch and on letters a VIN never contains', () => {
    expect(validateSerialOrVin('1FTFW1E50MFA12345')).toMatchObject({ ok: true, issue: 'vin_check_digit', confidenceFactor: 0.6 });
    expect(validateSerialOrVin('1FTFW1E5OMFA12345')).toMatchObject({ issue: 'vin_format' });
  });
});

describe('validatePhone', () => {
  it.each(['13917764021', '+86 138 1234 5678', '021-6458 1234', '0512-65307721', '0755 8888 1234', '400-820-8820', '+44 20 7946 0958'])('accepts %s', (raw) => {
    expect(validatePhone(normalizePhone(raw))).toEqual(VALID);
  });
  it.each(['0941 555 27 60', '090-5512-7734', '07700 900417', '01 42 68 53 00'])(
    'takes %s as a well-formed national number of unknown country, not a Chinese landline',
    (raw) => {
      expect(validatePhone(normalizePhone(raw))).toEqual({ ok: true, confidenceFactor: 0.9 });
    },
  );
  it('doubts national numbers of unknown region and rejects malformed ones', () => {
    expect(validatePhone(normalizePhone('(614) 555-0199'))).toEqual({ ok: true, confidenceFactor: 0.9 });
    expect(validatePhone(normalizePhone('+86 123 4567'))).toMatchObject({ ok: false, issue: 'phone_format' });
    expect(validatePhone(normalizePhone('12345'))).toMatchObject({ ok: false });
  });
});

describe('validateDate', () => {
  it('accepts today and past dates', () => {
    expect(validateDate('2026-03-06', NOW)).toEqual(VALID);
    expect(validateDate('2025-12-19', NOW)).toEqual(VALID);
  });
  it('rejects unparsed and future dates, doubts very old ones', () => {
    expect(validateDate(null, NOW)).toMatchObject({ ok: false, issue: 'date_unparsed' });
    expect(validateDate('2026-03-07', NOW)).toMatchObject({ ok: false, issue: 'date_in_future' });
    expect(validateDate('1990-01-01', NOW)).toMatchObject({ ok: true, issue: 'date_implausibly_old' });
  });
});

describe('validateAmount', () => {
  it('accepts a positive amount with a currency', () => {
    expect(validateAmount(normalizeAmount('¥12,500.00'))).toEqual(VALID);
  });
  it('rejects amounts that do not parse and doubts missing currencies and zero', () => {
    expect(validateAmount(normalizeAmount('twelve'))).toMatchObject({ ok: false, issue: 'amount_unparsed' });
    expect(validateAmount(normalizeAmount('3500'))).toMatchObject({ ok: true, issue: 'amount_no_currency' });
    expect(validateAmount(normalizeAmount('$0'))).toMatchObject({ issue: 'amount_not_positive' });
  });
});

describe('other validators', () => {
  it('checks emails, quantities and measurements', () => {
    expect(validateEmail('j.whitaker@btinternet.com')).toEqual(VALID);
    expect(validateEmail('jess at icloud')).toMatchObject({ ok: false, issue: 'email_format' });
    expect(validateQuantity({ value: 5, unit: 'PCE' })).toEqual(VALID);
    expect(validateQuantity(null)).toMatchObject({ ok: false });
    expect(validateQuantity({ value: 2.5, unit: 'PCE' })).toMatchObject({ ok: false });
    expect(validateMeasurement({ value: 1 })).toEqual(VALID);
    expect(validateMeasurement(null)).toMatchObject({ ok: false, issue: 'measurement_unparsed' });
  });
});
