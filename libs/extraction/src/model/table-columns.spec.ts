import { tableCells } from './table-columns';

const view = (text: string) => tableCells(text).map((c) => [text.slice(c.start, c.end), c.header]);

describe('tableCells', () => {
  it('gives each value cell its column header, for pipes, tabs and commas', () => {
    expect(view('Part | Lot | Sample\nKP-2231-B | L25-903 | 50')).toEqual([
      ['Part', null],
      ['Lot', null],
      ['Sample', null],
      ['KP-2231-B', 'part'],
      ['L25-903', 'lot'],
      ['50', 'sample'],
    ]);
    expect(view('工单号\t批次\nMO-1\tB2310-07')).toEqual([
      ['工单号', null],
      ['批次', null],
      ['MO-1', '工单号'],
      ['B2310-07', '批次'],
    ]);
    const csv = 'intro line\nClaim No.,Policy #,Incident date:\nRDAA1,PL 0566,28 Nov 2025,extra';
    expect(view(csv).slice(3)).toEqual([
      ['RDAA1', 'claim no.'],
      ['PL 0566', 'policy'],
      ['28 Nov 2025', 'incident date'],
    ]);
  });

  it('skips markdown rules and restarts at a blank line', () => {
    const text = '| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n| 3 | 4 |';
    expect(view(text).filter(([, h]) => h !== null)).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
      ['4', 'd'],
    ]);
  });

  it('does not mistake prose with commas for a table', () => {
    expect(view('We found scratches, dents, and burrs on the housing during the morning inspection shift.\nThen, later, more.')).toEqual([]);
    expect(view('Lot L23-118, part HX-2210 rev B, 5 pcs')).toEqual([]);
  });
});
