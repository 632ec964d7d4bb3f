import { completeSpan, joined, mergeAdjacent, snapToWords } from './word-boundaries';

const snap = (text: string, piece: string, from = 0): string => {
  const start = text.indexOf(piece, from);
  const r = snapToWords(text, start, start + piece.length);
  return text.slice(r.start, r.end);
};

describe('snapToWords', () => {
  it('extends a span that stops inside a word it mostly covers', () => {
    expect(snap('Claimant: William Müller, tel', 'William Müll')).toBe('William Müller');
    expect(snap('reported Jun 12, 2027 by', 'Jun 12, 202')).toBe('Jun 12, 2027');
    expect(snap('mail qa.tem@db-schenker.io now', 'qa.tem@db-schenker.')).toBe('qa.tem@db-schenker.io');
    expect(snap('contact o1ga_moore@orionfreight.com', 'ga_moore@orionfreight.com')).toBe('o1ga_moore@orionfreight.com');
  });

  it('gives back the start of a word the span only nibbles', () => {
    expect(snap('Name: BRANDON REYES-SMITH', 'BRANDON RE')).toBe('BRANDON');
  });

  it('keeps a span that began inside the cut word rather than emptying it', () => {
    expect(snap('user skowalski wrote', 's', 5)).toBe('skowalski');
  });

  it('never joins across Han characters, captions or "No."', () => {
    expect(snap('批次B2310-07发现气孔', 'B2310-07')).toBe('B2310-07');
    expect(snap('Order No.4700912345 rev', '4700912345')).toBe('4700912345');
    expect(snap('Lot: L23-118, part', 'L23-118')).toBe('L23-118');
    expect(snap('2023年08月09日', '2023年08月09')).toBe('2023年08月09');
  });

  it('drops connectors left dangling at the ends', () => {
    expect(snap('part HX-2210- rev', 'HX-2210-')).toBe('HX-2210');
  });

  it('joins decimals and identifiers but not a letter run to a number by a full stop', () => {
    expect(joined('12.5', 3)).toBe(true);
    expect(joined('No.47', 3)).toBe(false);
    expect(joined('a b', 1)).toBe(false);
  });
});

describe('span edges', () => {
  /** The text completeSpan makes of `piece` (first occurrence in `text`) under `label`. */
  const cut = (text: string, label: string, piece: string): string => {
    const start = text.indexOf(piece);
    const r = completeSpan(text, label, start, start + piece.length);
    return text.slice(r.start, r.end);
  };

  it('drops list punctuation and brackets whose partner is outside, pulls in a partner that is inside', () => {
    expect(snap('on May 13, we', 'May 13,')).toBe('May 13');
    expect(snap('limit (226±7°c) ok', '226±7°c)')).toBe('226±7°c');
    expect(snap('tel (0512) 53648259 now', '0512) 53648259')).toBe('(0512) 53648259');
    expect(snap('ABC Co. Ltd. filed', 'ABC Co. Ltd.')).toBe('ABC Co. Ltd.');
    expect(snap('rev 12. next', 'rev 12.')).toBe('rev 12');
  });

  it("gives a company's name the full stop of its abbreviation, and only a company's", () => {
    expect(cut('on behalf of Kansai Seiki Co., Ltd. that one', 'claimant_name', 'Kansai Seiki Co., Ltd')).toBe('Kansai Seiki Co., Ltd.');
    expect(cut('Claimant: Acme Inc. Attn: J. Roe', 'claimant_name', 'Acme Inc')).toBe('Acme Inc.');
    expect(cut('Claimant: Harbour Logistics. Attn: J. Roe', 'claimant_name', 'Harbour Logistics')).toBe('Harbour Logistics');
    expect(cut('part made by Acme Inc. in 2025', 'part_number', 'Acme Inc')).toBe('Acme Inc');
  });

  it('leaves the possessive off a name', () => {
    expect(cut("FYI - see Adrian's note", 'inspector', "Adrian's")).toBe('Adrian');
    expect(cut('per Mark Ellis’s readings', 'inspector', 'Mark Ellis’s')).toBe('Mark Ellis');
    expect(cut("per Mark Ellis's readings", 'location', "Mark Ellis's")).toBe("Mark Ellis's");
  });

  it('gives a reading its minus sign, not an identifier its hyphen', () => {
    expect(cut('vacuum hold -0.35 bar vs min', 'measurement', '0.35 bar')).toBe('-0.35 bar');
    expect(cut('输出光功率-9.8dBm，规格', 'measurement', '9.8dBm')).toBe('-9.8dBm');
    expect(cut('frame 0394-19 misaligned', 'measurement', '19')).toBe('19');
  });

  it('drops a full-width slash that separates readings', () => {
    expect(snap('实测：０．０６／０．０８', '０．０６／')).toBe('０．０６');
  });

  it('completes a Chinese date cut before 日', () => {
    const text = '出险时间2025年12月16日报案';
    const start = text.indexOf('2025');
    expect(completeSpan(text, 'incident_date', start, text.indexOf('日'))).toEqual({ start, end: text.indexOf('日') + 1 });
    expect(completeSpan(text, 'location', start, text.indexOf('日'))).toEqual({ start, end: text.indexOf('日') });
  });

  it('gives back an English function word a span ran on into, but keeps the inch of a measurement', () => {
    expect(cut('involved in a rear-end collision on the A14', 'loss_type', 'rear-end collision on')).toBe('rear-end collision');
    expect(cut('water leak from the unit above', 'loss_type', 'water leak from the')).toBe('water leak');
    expect(cut('bore 0.2516 in per CMM', 'measurement', '0.2516 in')).toBe('0.2516 in');
    expect(cut('bore A and port B', 'defect_location', 'bore A')).toBe('bore A');
    expect(cut('fire in', 'loss_type', 'in')).toBe('in');
  });

  it.each([
    ['checked 12/01/2026 by', 'inspection_date', '12/01', '12/01/2026'],
    ['on 2026/04/17 am', 'inspection_date', '2026/04/', '2026/04/17'],
    ['dated 2 Mar 2026.', 'inspection_date', '2 Mar', '2 Mar 2026'],
    ['on March 12, 2026 at', 'incident_date', 'March', 'March 12, 2026'],
    ['on 5 Mar 1200 pcs', 'inspection_date', '5 Mar', '5 Mar'],
    ['ipqc 5/18 L6', 'inspection_date', '5/18', '5/18'],
    ['发现34件气孔', 'quantity', '34', '34件'],
    ['sampled 80pcs', 'sample_size', '80', '80pcs'],
    ['found 4 panels', 'quantity', '4', '4'],
    ['部件34件', 'part_number', '34', '34'],
    ['ripple 190 mV, limit ≤ 120 mV', 'spec_limit', '≤ 120', '≤ 120 mV'],
    ['bore 12.53mm out', 'measurement', '12.53', '12.53mm'],
    ['bore 12.53 mmHg', 'measurement', '12.53', '12.53'],
  ])('completes a date, a count word or a unit the tagger stopped short of: %s as %s', (text, label, piece, expected) => {
    expect(cut(text, label, piece)).toBe(expected);
  });

  it.each([
    ['by service manager Rick Alvarado today', 'inspector', 'Rick', 'Rick Alvarado'],
    ['claimant Ana Ribeiro (Fidelidade)', 'claimant_name', 'Ana', 'Ana Ribeiro'],
    ['Signed: Paul Lavoie, President', 'claimant_name', 'Paul Lavoie', 'Paul Lavoie'],
    ['Hi Nadia, photos attached', 'claimant_name', 'Nadia', 'Nadia'],
    ['insp Pavel Date: 3 Mar', 'inspector', 'Pavel', 'Pavel'],
    ['lot Rick Alvarado', 'lot_number', 'Rick', 'Rick'],
    ["repair scheme received. insp s. o'connell 16 Mar", 'inspector', 's.', "s. o'connell"],
    ['Originator: Q.Dang  Date', 'inspector', 'Q.', 'Q.Dang'],
    ['by J. Date: 3 Mar', 'inspector', 'J.', 'J.'],
  ])('takes the surname after a lone first name or initial, not a caption or another field: %s as %s', (text, label, piece, expected) => {
    expect(cut(text, label, piece)).toBe(expected);
  });
});

describe('mergeAdjacent', () => {
  const span = (text: string, label: string, piece: string, confidence = 0.9) => {
    const start = text.indexOf(piece);
    return { label, start, end: start + piece.length, confidence };
  };

  it('joins a name or phrase the tagger restarted, and addresses across a comma', () => {
    const text = 'claimant Nur Aisyah Rahman at Unit 12, Thame Park Road';
    const merged = mergeAdjacent(
      [span(text, 'claimant_name', 'Nur', 0.6), span(text, 'claimant_name', 'Aisyah Rahman', 0.9), span(text, 'location', 'Unit 12'), span(text, 'location', 'Thame Park Road')],
      text,
    );
    expect(merged.map((s) => text.slice(s.start, s.end))).toEqual(['Nur Aisyah Rahman', 'Unit 12, Thame Park Road']);
    expect(merged[0]?.confidence).toBeCloseTo((0.6 * 3 + 0.9 * 13) / 16);
  });

  it('keeps lists, other labels and space-separated Chinese values apart', () => {
    const text = 'burrs, scratches; lot L1 L2; 气孔 砂眼';
    const spans = [span(text, 'defect_type', 'burrs'), span(text, 'defect_type', 'scratches'), span(text, 'lot_number', 'L1'), span(text, 'part_number', 'L2'), span(text, 'defect_type', '气孔'), span(text, 'defect_type', '砂眼')];
    expect(mergeAdjacent(spans, text)).toHaveLength(6);
  });
});

describe('span edges on hostile input', () => {
  it('leaves over-long words alone and settles bracket runs in a few rounds (both linear in the text)', () => {
    const junk = 'A'.repeat(200_000);
    for (let i = 1000; i < 200_000; i += 1000) expect(snapToWords(junk, i, i + 10)).toEqual({ start: i, end: i + 10 });
    const brackets = '('.repeat(50_000) + 'x' + ')'.repeat(10);
    const r = snapToWords(brackets, 0, brackets.length);
    expect(r.end).toBeGreaterThan(r.start);
  });
});
