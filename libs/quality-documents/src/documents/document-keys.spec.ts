import type { ExtractedField } from '@mw/extraction';
import { documentKeys, keyParamsOf, searchForm } from './document-keys';

const field = (name: string, value: unknown): ExtractedField => ({ name, value, text: String(value), start: 0, end: 1, confidence: 1, source: 'model', needsReview: false }) as ExtractedField;

describe('document keys', () => {
  it('writes an identifier one way however it was written', () => {
    expect(['L23-118', 'l23 118', 'L23118', ' Ｌ２３－１１８ '].map(searchForm)).toEqual(['L23118', 'L23118', 'L23118', 'L23118']);
  });

  it('keeps the identifier fields with string values, each once', () => {
    const keys = documentKeys([
      field('lot_number', 'L23-118'),
      field('lot_number', 'L23 118'),
      field('part_number', 'HX-2210'),
      field('quantity', { value: 5, unit: 'PCE' }),
      field('claimant_name', 'Wang Fang'),
      field('serial_number', null),
    ]);
    expect(keys).toEqual([
      { name: 'lot_number', value: 'L23118' },
      { name: 'part_number', value: 'HX2210' },
    ]);
  });

  it('searches each kind by the identifiers it has', () => {
    expect(keyParamsOf('inspection')).toEqual(['orderNumber', 'partNumber', 'lotNumber']);
    expect(keyParamsOf('claim')).toEqual(['partNumber', 'lotNumber', 'serialNumber', 'claimNumber', 'policyNumber']);
  });
});
