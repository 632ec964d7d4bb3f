import { normalizeAmount } from './amounts';

describe('normalizeAmount', () => {
  it.each([
    ['$1,248.60', 1248.6, 'USD'],
    ['USD 3,412.50', 3412.5, 'USD'],
    ['US$ 900', 900, 'USD'],
    ['£4,380.00', 4380, 'GBP'],
    ['£86k', 86000, 'GBP'],
    ['€ 12.500,00', 12500, 'EUR'],
    ['€2.180,40', 2180.4, 'EUR'],
    ['EUR 1.920,00', 1920, 'EUR'],
    ['€ 3 450,00', 3450, 'EUR'],
    ['RUB 185 000', 185000, 'RUB'],
    ['HKD 8,420.00', 8420, 'HKD'],
    ['HK$8,420', 8420, 'HKD'],
    ['CAD 1,150.00', 1150, 'CAD'],
    ['AUD 2,940', 2940, 'AUD'],
    ['RMB 18,600', 18600, 'CNY'],
    ['RMB3,240.00', 3240, 'CNY'],
    ['CNY 50,000', 50000, 'CNY'],
    ['¥6,800', 6800, 'CNY'],
    ['￥7,850.00', 7850, 'CNY'],
    ['¥18.5万', 185000, 'CNY'],
    ['人民币18,600元', 18600, 'CNY'],
    ['人民币3,412.50元', 3412.5, 'CNY'],
    ['8.5万元', 85000, 'CNY'],
    ['1.86万元', 18600, 'CNY'],
    ['5万元', 50000, 'CNY'],
    ['120万', 1200000, null],
    ['6800元', 6800, 'CNY'],
    ['2740块', 2740, 'CNY'],
    ['3500块钱', 3500, 'CNY'],
    ['2,310美元', 2310, 'USD'],
    ['23,915.47元', 23915.47, 'CNY'],
    ['壹拾贰万元整', 120000, 'CNY'],
    ['１２，５００元', 12500, 'CNY'],
    ['1 200 euros', 1200, 'EUR'],
    ['NZ$3,140', 3140, 'NZD'],
    ['NZ$ 3,140.50', 3140.5, 'NZD'],
    ['A$60,000', 60000, 'AUD'],
    ['AU$60,000', 60000, 'AUD'],
    ['AU$ 1,250.00', 1250, 'AUD'],
    ['C$1,200', 1200, 'CAD'],
    ['CA$1,200.00', 1200, 'CAD'],
    ['S$4,800', 4800, 'SGD'],
    ['RM 486,000', 486000, 'MYR'],
    ['RM486,000.00', 486000, 'MYR'],
    ['MYR 12,000', 12000, 'MYR'],
    ['R$ 1.250,00', 1250, 'BRL'],
    ['R$12.400,50', 12400.5, 'BRL'],
    ['INR 14,20,000', 1420000, 'INR'],
    ['₹7,85,000', 785000, 'INR'],
    ['₹ 1,00,00,000', 10000000, 'INR'],
    ['₹7,85,000.50', 785000.5, 'INR'],
    ['INR 1,420,000', 1420000, 'INR'],
    ['Rs. 5,000', 5000, 'INR'],
    ['Rs.12,50,000', 1250000, 'INR'],
    ['Rs 3,40,500', 340500, 'INR'],
    ['RS. 4,500.00', 4500, 'INR'],
  ])('%s -> %d %s', (raw, value, currency) => {
    expect(normalizeAmount(raw)).toEqual({ value, currency });
  });

  it.each([
    // Spoken Chinese: a last digit after 万/千/百 counts in the next lower unit (一万二 = 1.2万).
    ['一万二', 12000, null],
    ['两万三', 23000, null],
    ['四万八', 48000, null],
    ['一万五', 15000, null],
    ['三千五', 3500, null],
    ['八千', 8000, null],
    ['两千块', 2000, 'CNY'],
    ['两百块', 200, 'CNY'],
    ['十二万', 120000, null],
    ['一百二十万', 1200000, null],
    ['一万二千元', 12000, 'CNY'],
    ['十二万三', 123000, null],
    ['两百五十块钱', 250, 'CNY'],
    ['一亿二', 120000000, null],
    // ... but a 零 keeps the digit a digit.
    ['一万零二', 10002, null],
    ['一千零五元', 1005, 'CNY'],
    // Arabic digits with Chinese units.
    ['1万2', 12000, null],
    ['1万2元', 12000, 'CNY'],
    ['3千5', 3500, null],
    ['2千块', 2000, 'CNY'],
    ['1万2500元', 12500, 'CNY'],
    ['1.5千万', 15000000, null],
    // Rough amounts read as their floor; a range as its lower bound.
    ['三万多', 30000, null],
    ['八千多', 8000, null],
    ['三万多块', 30000, 'CNY'],
    ['3万余元', 30000, 'CNY'],
    ['3000多元', 3000, 'CNY'],
    ['一千多万', 10000000, null],
    ['十来块钱', 10, 'CNY'],
    ['三四万', 30000, null],
    // Financial numerals are unchanged.
    ['壹万贰仟叁佰元整', 12300, 'CNY'],
    ['人民币壹拾贰万元', 120000, 'CNY'],
    ['壹万零贰元', 10002, 'CNY'],
  ])('colloquial Chinese %s -> %d %s', (raw, value, currency) => {
    expect(normalizeAmount(raw)).toEqual({ value, currency });
  });

  it('gives a spoken Chinese amount the document default currency like any bare number', () => {
    expect(normalizeAmount('一万二', { defaultCurrency: 'CNY' })).toEqual({ value: 12000, currency: 'CNY' });
    expect(normalizeAmount('三万多', { defaultCurrency: 'CNY' })).toEqual({ value: 30000, currency: 'CNY' });
  });

  it('applies a default currency to bare numbers only', () => {
    expect(normalizeAmount('3200', { defaultCurrency: 'CNY' })).toEqual({ value: 3200, currency: 'CNY' });
    expect(normalizeAmount('$3200', { defaultCurrency: 'CNY' })).toEqual({ value: 3200, currency: 'USD' });
  });

  it('reads a bare $ as USD whatever the document, and the RMB code is not taken for RM', () => {
    expect(normalizeAmount('$60,000')).toEqual({ value: 60000, currency: 'USD' });
    expect(normalizeAmount('$ 3,140', { defaultCurrency: 'NZD' })).toEqual({ value: 3140, currency: 'USD' });
    expect(normalizeAmount('RMB 486,000')).toEqual({ value: 486000, currency: 'CNY' });
  });

  it('reads lakh grouping only in rupee amounts', () => {
    expect(normalizeAmount('$14,20,000')).toBeNull();
    expect(normalizeAmount('14,20,000')).toBeNull();
  });

  it.each(['', 'RMB', 'approx', 'twelve hundred', '1,2,3', '¥', '12..5', '多', '五三万', '二〇二六'])('rejects %j', (raw) => {
    expect(normalizeAmount(raw)).toBeNull();
  });
});
