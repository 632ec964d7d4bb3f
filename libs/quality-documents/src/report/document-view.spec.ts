import { Masker, parsePolicy } from '@mw/privacy';
import type { QualityDocumentDto } from '../documents/dto/quality-document.response';
import { maskDocument } from './document-view';

const policy = parsePolicy(`
version: 1
keys: { hmacKeyEnv: PRIVACY_HMAC_KEY, encryptionKeyEnv: PRIVACY_ENCRYPTION_KEY }
rules:
  - role: mes
    purpose: production
    classes: { person_name: {op: replace}, national_id: {op: deny}, phone: {op: mask, keepLast: 4}, email: {op: replace}, address: {op: redact}, bank_account: {op: deny}, free_text: {op: detect} }
  - role: claims_handler
    purpose: claims_processing
    classes: { person_name: {op: show}, national_id: {op: show}, phone: {op: show}, email: {op: show}, address: {op: show}, bank_account: {op: show}, free_text: {op: show} }
`);
const masker = new Masker(policy, { hmacKey: Buffer.alloc(32, 1), encryptionKey: Buffer.alloc(32, 2) });

type FieldAt = { name: string; start: number; end: number; value?: unknown };

const asFields = (text: string, fields: FieldAt[], confidence = 0.9) =>
  fields.map((f) => ({ ...f, value: f.value ?? text.slice(f.start, f.end), text: text.slice(f.start, f.end), confidence, needsReview: false }));

function doc(text: string, fields: FieldAt[], reviewed?: FieldAt[]): QualityDocumentDto {
  return {
    id: '01a2249f-95fb-7000-b05b-a58411cf442a',
    kind: 'claim',
    plant: 'P100',
    mediaType: 'application/json',
    byteSize: text.length,
    text,
    extraction: {
      modelVersion: 'test',
      timingMs: 1,
      needsReview: false,
      fields: asFields(text, fields),
    },
    links: [],
    review: reviewed ? { status: 'reviewed', revision: 1, fields: asFields(text, reviewed, 1) } : { status: 'not_needed', revision: 0 },
    createdAt: '2026-11-29T00:00:00Z',
  } as unknown as QualityDocumentDto;
}

describe('maskDocument', () => {
  const text = 'Claim CLM-1. Claimant: Wang Fang, ID 11010519491231002X, phone 13812345678. Lot L23-118.';
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const d = doc(text, [
    { name: 'claim_number', ...at('CLM-1') },
    { name: 'claimant_name', ...at('Wang Fang') },
    { name: 'national_id', ...at('11010519491231002X') },
    { name: 'phone', ...at('13812345678') },
    { name: 'lot_number', ...at('L23-118') },
  ]);

  it('masks personal data in the text and the fields, and re-points every field into the masked text', () => {
    const view = maskDocument(d, masker, { role: 'mes', purpose: 'production' });
    expect(view.document.text).not.toContain('11010519491231002X');
    expect(view.document.text).not.toContain('Wang Fang');
    expect(view.document.text).toContain('5678');
    for (const f of view.document.extraction.fields) expect(view.document.text.slice(f.start, f.end)).toBe(f.text);
    const lot = view.document.extraction.fields.find((f) => f.name === 'lot_number')!;
    expect(lot.text).toBe('L23-118');
    const id = view.masked.find((m) => m.dataClass === 'national_id')!;
    expect(id.op).toBe('deny');
    expect(id.reason).toContain('role=mes');
  });

  it('shows everything to a role allowed to see it', () => {
    const view = maskDocument(d, masker, { role: 'claims_handler', purpose: 'claims_processing' });
    expect(view.document.text).toBe(text);
    expect(view.document.extraction.fields.map((f) => [f.start, f.end])).toEqual(d.extraction.fields.map((f) => [f.start, f.end]));
  });

  it('denies everything by default', () => {
    const view = maskDocument(d, masker, { role: null, purpose: null });
    expect(view.textShown).toBe(false);
    expect(JSON.stringify(view.document)).not.toContain('11010519491231002X');
    expect(JSON.stringify(view.document)).not.toContain('13812345678');
  });

  it('masks personal data a reviewer marked and the model missed, in the text and the reviewed fields', () => {
    const modelMissedName = doc(
      text,
      [{ name: 'claim_number', ...at('CLM-1') }],
      [
        { name: 'claim_number', ...at('CLM-1') },
        { name: 'claimant_name', ...at('Wang Fang') },
      ],
    );
    const view = maskDocument(modelMissedName, masker, { role: 'mes', purpose: 'production' });
    expect(view.document.text).not.toContain('Wang Fang');
    const name = view.document.review.fields!.find((f) => f.name === 'claimant_name')!;
    expect(name.value).not.toBe('Wang Fang');
    for (const f of view.document.review.fields!) expect(view.document.text.slice(f.start, f.end)).toBe(f.text);
    const shown = maskDocument(modelMissedName, masker, { role: 'claims_handler', purpose: 'claims_processing' });
    expect(shown.document.review.fields!.find((f) => f.name === 'claimant_name')!.value).toBe('Wang Fang');
  });
});
