import type { Span } from '../schema/fields';
import { gateRecord, SUBJECT_LABELS } from './record-gate';

const span = (label: Span['label'], start: number): Span => ({ label, start, end: start + 3 });

describe('gateRecord', () => {
  it('drops the circumstance fields of an inspection document that names no finding, part, lot or order', () => {
    // "Shift handover. Line 4 running fine after the changeover; Line 6 belt replaced. - Viktor"
    expect(gateRecord([span('line', 16), span('line', 60), span('inspector', 85)], 'inspection')).toEqual([]);
  });

  it('keeps every span of an inspection document once one subject field is there', () => {
    const spans = [span('line', 0), span('inspector', 10), span('lot_number', 20)];
    expect(gateRecord(spans, 'inspection')).toEqual(spans);
  });

  it('drops a claim document that carries contact details or a place alone, keeps one with a claim field', () => {
    expect(gateRecord([span('phone', 0), span('claimant_name', 10), span('report_date', 20)], 'claim')).toEqual([]);
    const spans = [span('phone', 0), span('amount', 10)];
    expect(gateRecord(spans, 'claim')).toEqual(spans);
  });

  it('leaves an empty document empty and never counts a circumstance field as a subject', () => {
    expect(gateRecord([], 'claim')).toEqual([]);
    for (const label of ['line', 'station', 'inspector', 'inspection_date', 'disposition', 'defect_location'] as const) {
      expect(SUBJECT_LABELS.inspection.has(label)).toBe(false);
    }
    for (const label of ['phone', 'email', 'claimant_name', 'report_date', 'location'] as const) {
      expect(SUBJECT_LABELS.claim.has(label)).toBe(false);
    }
  });
});
