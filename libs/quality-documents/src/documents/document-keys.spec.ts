import type { ExtractedField } from '@mw/extraction';
import { documentKeys, keyParamsOf, searchForm, searchForms } from './document-keys';

const field = (name: string, value: unknown): ExtractedField => ({ name, value, text: String(value), start: 0, end: 1, confidence: 1, source: 'model', needsReview: false }) as ExtractedField;

describe('document keys', () => {
  it('writes an identifier one way however it was written', () => {
    expect(['L23-118', 'l23 118', 'L23118', ' Ｌ２３－１１８ '].map(searchForm)).toEqual(['L23118', 'L23118', 'L23118', 'L23118']);
  });

  it('finds a part written with its revision under the part too', () => {
    expect(searchForms('part_number', 'HX-2210 rev B')).toEqual(['HX2210REVB', 'HX2210']);
    expect(searchForms('part_number', 'hx-2210, Rev. 02')).toEqual(['HX2210,REV.02', 'HX2210']);
    expect(searchForms('part_number', 'PN-33019 B版')).toEqual(['PN33019B版', 'PN33019']);
    expect(searchForms('part_number', 'HX-2210')).toEqual(['HX2210']);
    // Only a part number has revisions; a lot ending in "REV 1" is the lot's own name.
    expect(searchForms('lot_number', 'L23 rev 1')).toEqual(['L23REV1']);
    // A part number that is nothing but letters and "rev" stays whole.
    expect(searchForms('part_number', 'REVB')).toEqual(['REVB']);
  });

  it('keeps the identifier fields with string values, each once', () => {
    const keys = documentKeys([
      field('lot_number', 'L23-118'),
      field('lot_number', 'L23 118'),
      field('part_number', 'HX-2210'),
      field('part_number', 'HX-2210 rev B'),
      field('quantity', { value: 5, unit: 'PCE' }),
      field('claimant_name', 'Wang Fang'),
      field('serial_number', null),
    ]);
    expect(keys).toEqual([
      { name: 'lot_number', value: 'L23118' },
      { name: 'part_number', value: 'HX2210' },
      { name: 'part_number', value: 'HX2210REVB' },
    ]);
  });

  it('keys a claim by the category of each loss, read from the description when the field has none', () => {
    const loss = (text: string, category?: string) => ({ ...field('loss_type', text), ...(category ? { category } : {}) }) as ExtractedField;
    expect(documentKeys([loss('rear-end collision', 'collision'), loss('短路引发火灾'), loss('side impact', 'collision'), field('claim_number', 'CLM-1')])).toEqual([
      { name: 'loss_category', value: 'collision' },
      { name: 'loss_category', value: 'fire' },
      { name: 'claim_number', value: 'CLM1' },
    ]);
  });

  it('searches each kind by the identifiers it has', () => {
    expect(keyParamsOf('inspection')).toEqual(['orderNumber', 'partNumber', 'lotNumber']);
    expect(keyParamsOf('claim')).toEqual(['partNumber', 'lotNumber', 'serialNumber', 'claimNumber', 'policyNumber']);
  });
});
