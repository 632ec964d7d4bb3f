import { isFutureDate, normalizeDate } from './dates';

describe('normalizeDate', () => {
  const ref = { referenceYear: 2026 };
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.03.09', '2026-03-09'],
    ['2026.3.3', '2026-03-03'],
    ['2025/6/14', '2025-06-14'],
    ['20260305', '2026-03-05'],
    ['05/03/2026', '2026-03-05'],
    ['02/17/2026', '2026-02-17'],
    ['17/02/2026', '2026-02-17'],
    ['16/02/26', '2026-02-16'],
    ['14.02.2026', '2026-02-14'],
    ['03-01-2026', '2026-01-03'],
    ['5 Mar 2026', '2026-03-05'],
    ['4th March 2026', '2026-03-04'],
    ['05-Mar-26', '2026-03-05'],
    ['4-Mar-2026', '2026-03-04'],
    ['Mar 12 2026', '2026-03-12'],
    ['March 6, 2026', '2026-03-06'],
    ['Jan 8, 2026', '2026-01-08'],
    ['Tuesday 3 February 2026', '2026-02-03'],
    ['Monday 2nd March 2026', '2026-03-02'],
    ['Dec 18 2025', '2025-12-18'],
    ['feb 3', '2026-02-03'],
    ['4 Mar', '2026-03-04'],
    ['2 march 2026', '2026-03-02'],
    ['2026年3月5日', '2026-03-05'],
    ['２０２６年３月５日', '2026-03-05'],
    ['10月5日', '2026-10-05'],
    ['2月10号', '2026-02-10'],
    ['３月６日', '2026-03-06'],
    ['三月五日', '2026-03-05'],
    ['二〇二六年三月十五日', '2026-03-15'],
    ['2026 年 3 月 5 日', '2026-03-05'],
    ['2026年3月5日（星期四）', '2026-03-05'],
    ['12FEB26', '2026-02-12'],
    ['05MAR2026', '2026-03-05'],
    ['5-MAR-2026', '2026-03-05'],
    ['31DEC2025', '2025-12-31'],
    ['12feb2026', '2026-02-12'],
    ['12 FEB 26', '2026-02-12'],
    ['二〇二六年四月十日', '2026-04-10'],
    ['二○二六年四月十日', '2026-04-10'],
    ['二零二六年十二月三十一日', '2026-12-31'],
    ['Mo., 12.01.2026', '2026-01-12'],
    ['Mo 12.01.2026', '2026-01-12'],
    ['Di 3.2.2026', '2026-02-03'],
    ['Di., 03.02.26', '2026-02-03'],
    ['Mi. 4.2.2026', '2026-02-04'],
    ['Do, 5.2.2026', '2026-02-05'],
    ['Fr. 06.02.2026', '2026-02-06'],
    ['Sa 7.2.2026', '2026-02-07'],
    ['So. 8.2.2026', '2026-02-08'],
    ['Dienstag, 3.2.2026', '2026-02-03'],
    ['lun. 12/01/2026', '2026-01-12'],
    ['mar. 03/02/2026', '2026-02-03'],
    ['Ven 06/02/2026', '2026-02-06'],
    ['jeudi 5/2/2026', '2026-02-05'],
    ['mié. 04/02/2026', '2026-02-04'],
    ['Sáb 07/02/2026', '2026-02-07'],
    ['vie., 6-2-2026', '2026-02-06'],
    ['12.01.2026 (Mo.)', '2026-01-12'],
    ['Mo 2026-01-12', '2026-01-12'],
  ])('%s -> %s', (raw, want) => {
    expect(normalizeDate(raw, ref)).toBe(want);
  });

  it('reads all-numeric day/month by the requested order, and month/day in Chinese documents', () => {
    expect(normalizeDate('3/5/2026')).toBe('2026-05-03');
    expect(normalizeDate('3/5/2026', { order: 'mdy' })).toBe('2026-03-05');
    expect(normalizeDate('5/3', { referenceYear: 2026 })).toBe('2026-03-05');
    expect(normalizeDate('３/４', { referenceYear: 2026, lang: 'zh' })).toBe('2026-03-04');
    expect(normalizeDate('26/3/5', { lang: 'zh' })).toBe('2026-03-05');
  });

  it('reads a date after a German, French or Spanish weekday day-first, whatever the document order', () => {
    expect(normalizeDate('Di 3.2.2026', { order: 'mdy' })).toBe('2026-02-03');
    expect(normalizeDate('lun. 12/01/2026', { order: 'mdy' })).toBe('2026-01-12');
    expect(normalizeDate('Mo., 12.01.2026', { lang: 'zh' })).toBe('2026-01-12');
    expect(normalizeDate('Mo 12.01.', { referenceYear: 2026 })).toBe('2026-01-12');
    // Without a weekday the document order still applies.
    expect(normalizeDate('3/2/2026', { order: 'mdy' })).toBe('2026-03-02');
  });

  it('keeps mar as March when no numeric date follows', () => {
    expect(normalizeDate('Mar 12 2026')).toBe('2026-03-12');
    expect(normalizeDate('mar. 5, 2026')).toBe('2026-03-05');
  });

  it('takes the year from now when no reference year is given, stepping back rather than into the future', () => {
    expect(normalizeDate('10月5日', { now: new Date('2025-11-01T00:00:00Z') })).toBe('2025-10-05');
    expect(normalizeDate('10月5日', { now: new Date('2026-03-06T00:00:00Z') })).toBe('2025-10-05');
    expect(normalizeDate('10月5日', { now: new Date('2026-03-06T00:00:00Z'), referenceYear: 2026 })).toBe('2026-10-05');
    expect(normalizeDate('feb 3', { now: new Date('2026-03-06T00:00:00Z') })).toBe('2026-02-03');
  });

  it('prefers the reading of an ambiguous day/month that is not in the future', () => {
    const now = new Date('2026-03-06T00:00:00Z');
    expect(normalizeDate('3/5/2026', { now })).toBe('2026-03-05');
    expect(normalizeDate('05/03/2026', { now })).toBe('2026-03-05');
    expect(normalizeDate('3/5/2025', { now })).toBe('2025-05-03');
  });

  it.each(['', 'yesterday', '2026-02-30', '13/13/2026', '32 Mar 2026', 'lot 2026', '2026年13月1日', 'L23-118', '30FEB26', 'MAR2026', '12XYZ26', 'Mo., 31.02.2026', 'Xy 12.01.2026', 'Mo 12.01.2026 Di'])(
    'rejects %j',
    (raw) => {
      expect(normalizeDate(raw, ref)).toBeNull();
    },
  );

  it('tells future dates from past ones relative to now', () => {
    const now = new Date('2026-03-05T10:00:00Z');
    expect(isFutureDate('2026-03-05', now)).toBe(false);
    expect(isFutureDate('2026-03-06', now)).toBe(true);
  });
});
