import { extractBaseline } from './regex-extractor';

function found(text: string, kind: 'inspection' | 'claim'): [string, string][] {
  return extractBaseline(text, kind).map((s) => [s.label, text.slice(s.start, s.end)]);
}

describe('extractBaseline', () => {
  it('finds captioned identifiers, counts, defects and dispositions in a tidy English line', () => {
    expect(found('Lot L23-118, part HX-2210 rev B, 5 pcs with scratches, severity major, rework', 'inspection')).toEqual([
      ['lot_number', 'L23-118'],
      ['part_number', 'HX-2210'],
      ['quantity', '5 pcs'],
      ['defect_type', 'scratches'],
      ['severity', 'major'],
      ['disposition', 'rework'],
    ]);
  });

  it('finds dates, lines, lots, defects, counts and dispositions in Chinese shorthand', () => {
    expect(found('10月5日 3号线 批次B2310-07 发现气孔 12件 判定报废', 'inspection')).toEqual([
      ['inspection_date', '10月5日'],
      ['line', '3号线'],
      ['lot_number', 'B2310-07'],
      ['defect_type', '气孔'],
      ['quantity', '12件'],
      ['disposition', '报废'],
    ]);
  });

  it('finds contact details, ids, VINs and amounts in a claim, and only claim fields', () => {
    const text = '报案号：CLM-884120 身份证310104196501011009 手机 +86 138 1234 5678 车架号LSVAM4185C2184751 估损 1.86万元 划伤';
    const labels = found(text, 'claim');
    expect(labels).toEqual(
      expect.arrayContaining([
        ['claim_number', 'CLM-884120'],
        ['national_id', '310104196501011009'],
        ['phone', '+86 138 1234 5678'],
        ['serial_number', 'LSVAM4185C2184751'],
        ['amount', '1.86万元'],
      ]),
    );
    expect(labels.map(([l]) => l)).not.toContain('defect_type');
  });

  it('tags measurements and their spec limits separately', () => {
    expect(found('gap 0.32mm, limit max 0.2 mm', 'inspection')).toEqual([
      ['measurement', '0.32mm'],
      ['spec_limit', 'max 0.2 mm'],
    ]);
  });

  it('returns non-overlapping spans in document order', () => {
    const spans = extractBaseline('WO-55123 station 3: 2 units leaking at weld seam, max 0.5 bar, scrap', 'inspection');
    for (let i = 1; i < spans.length; i++) expect((spans[i]?.start ?? 0) >= (spans[i - 1]?.end ?? 0)).toBe(true);
  });
});
