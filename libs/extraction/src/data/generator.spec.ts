import { isValidChineseResidentId, isValidVin } from '@mw/identifiers';
import { INSPECTION_FIELDS, CLAIM_FIELDS } from '../schema/fields';
import { generateDocuments, splitDocuments } from './generator';

describe('generateDocuments', () => {
  const docs = generateDocuments({ seed: 7, count: 600 });

  it('is deterministic for a seed', () => {
    expect(generateDocuments({ seed: 7, count: 50 })).toEqual(docs.slice(0, 50));
    expect(generateDocuments({ seed: 8, count: 50 })).not.toEqual(docs.slice(0, 50));
  });

  it('produces spans inside the text, non-empty, not overlapping, without edge whitespace', () => {
    for (const d of docs) {
      let lastEnd = -1;
      for (const s of [...d.spans].sort((a, b) => a.start - b.start)) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(d.text.length);
        expect(s.end).toBeGreaterThan(s.start);
        expect(s.start).toBeGreaterThan(lastEnd - 1);
        expect(d.text.slice(s.start, s.end)).toBe(d.text.slice(s.start, s.end).trim());
        lastEnd = s.end;
      }
    }
  });

  it('uses only the fields of the document kind', () => {
    for (const d of docs) {
      const allowed = new Set<string>(d.kind === 'inspection' ? [...INSPECTION_FIELDS, 'spec_limit'] : CLAIM_FIELDS);
      for (const s of d.spans) expect(allowed.has(s.label)).toBe(true);
    }
  });

  it('mixes languages, kinds and registers', () => {
    const zh = docs.filter((d) => d.lang === 'zh').length;
    expect(zh).toBeGreaterThan(200);
    expect(zh).toBeLessThan(400);
    expect(docs.some((d) => d.kind === 'claim')).toBe(true);
    expect(docs.some((d) => /[０-９]/.test(d.text))).toBe(true);
    expect(docs.some((d) => d.text.includes('\n'))).toBe(true);
    expect(docs.filter((d) => d.lang === 'en' && d.text === d.text.toLowerCase()).length).toBeGreaterThan(30);
    expect(docs.some((d) => /\d{1,2}月\d{1,2}日/.test(d.text))).toBe(true);
    expect(docs.some((d) => /\d{4}-\d{2}-\d{2}/.test(d.text))).toBe(true);
  });

  it('generates resident ids with a valid GB 11643 check character', () => {
    const ids = docs.flatMap((d) => d.spans.filter((s) => s.label === 'national_id').map((s) => d.text.slice(s.start, s.end)));
    expect(ids.length).toBeGreaterThan(10);
    // OCR noise may corrupt a few on purpose; clean ones must validate.
    const clean = ids.filter((id) => /^\d{17}[\dXx]$/.test(id));
    expect(clean.filter((id) => isValidChineseResidentId(id)).length / clean.length).toBeGreaterThan(0.8);
  });
});

describe('realistic variety', () => {
  const docs = generateDocuments({ seed: 11, count: 1500 });
  const values = (label: string): string[] =>
    docs.flatMap((d) => d.spans.filter((s) => s.label === label).map((s) => d.text.slice(s.start, s.end)));

  it('includes documents with no field at all, e-mails and chats', () => {
    const negatives = docs.filter((d) => d.spans.length === 0).length;
    expect(negatives).toBeGreaterThan(docs.length * 0.04);
    expect(negatives).toBeLessThan(docs.length * 0.15);
    expect(docs.some((d) => /^(From|发件人)[:：]/m.test(d.text))).toBe(true);
    expect(docs.some((d) => /^\[\d\d:\d\d\] /m.test(d.text))).toBe(true);
  });

  it('rarely repeats a name, place, component or loss description', () => {
    for (const label of ['claimant_name', 'inspector', 'location', 'defect_location', 'loss_type']) {
      const v = values(label);
      expect(v.length).toBeGreaterThan(50);
      expect(new Set(v.map((x) => x.toLowerCase())).size / v.length).toBeGreaterThan(label === 'loss_type' ? 0.25 : 0.5);
    }
  });

  it('writes 17-character VINs with a valid check digit', () => {
    const vins = values('serial_number').filter((s) => /^[A-HJ-NPR-Z0-9]{17}$/.test(s));
    expect(vins.length).toBeGreaterThan(10);
    expect(vins.filter((s) => isValidVin(s)).length / vins.length).toBeGreaterThan(0.9);
  });
});

describe('splitDocuments', () => {
  it('splits deterministically into disjoint train/dev/test', () => {
    const docs = generateDocuments({ seed: 3, count: 200 });
    const a = splitDocuments(docs, 3);
    expect(a).toEqual(splitDocuments(docs, 3));
    expect(a.dev.length).toBe(20);
    expect(a.test.length).toBe(20);
    const ids = [...a.train, ...a.dev, ...a.test].map((d) => d.id);
    expect(new Set(ids).size).toBe(200);
  });
});
