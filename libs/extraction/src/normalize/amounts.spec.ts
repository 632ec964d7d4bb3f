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
  ])('%s -> %d %s', (raw, value, currency) => {
    expect(normalizeAmount(raw)).toEqual({ value, currency });
  });

  it('applies a default currency to bare numbers only', () => {
    expect(normalizeAmount('3200', { defaultCurrency: 'CNY' })).toEqual({ value: 3200, currency: 'CNY' });
    expect(normalizeAmount('$3200', { defaultCurrency: 'CNY' })).toEqual({ value: 3200, currency: 'USD' });
  });

  it.each(['', 'RMB', 'approx', 'twelve hundred', '1,2,3', '¥', '12..5'])('rejects %j', (raw) => {
    expect(normalizeAmount(raw)).toBeNull();
  });
});
