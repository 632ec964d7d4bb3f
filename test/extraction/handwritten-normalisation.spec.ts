import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANDWRITTEN_DIR, LANGUAGES } from '../../scripts/build-handwritten-fixtures';
import { assembleFields } from '../../libs/extraction/src/assemble/assemble-fields';
import type { LabelledDocument } from '../../libs/extraction/src/schema/fields';

/**
 * With gold spans, every value in the hand-written set must normalise: the figures measured on this
 * set then depend on span finding alone. Validator objections that are true of the documents
 * themselves (a mistyped id, an unlisted defect) are expected and listed.
 */
const NOW = new Date('2026-03-31T00:00:00Z');
const EXPECTED_ISSUES = new Set([
  'national_id_checksum',
  'national_id_format',
  'vin_check_digit',
  'defect_type_unlisted',
]);

describe.each(LANGUAGES.map((l) => [l]))('hand-written %s set normalises from gold spans', (lang) => {
  const docs = readFileSync(join(HANDWRITTEN_DIR, `${lang}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LabelledDocument);

  it('yields one field per non-spec span, with no unexpected validator objections', () => {
    const unexpected: string[] = [];
    for (const d of docs) {
      const fields = assembleFields(d.kind, d.text, d.spans.map((s) => ({ ...s, confidence: 0.9 })), { now: NOW, lang });
      expect(fields.length).toBe(d.spans.filter((s) => s.label !== 'spec_limit').length);
      for (const f of fields) {
        for (const issue of f.issues ?? []) if (!EXPECTED_ISSUES.has(issue)) unexpected.push(`${d.id} ${f.name} ${f.text}: ${issue}`);
        if (f.value === null) unexpected.push(`${d.id} ${f.name} ${f.text}: null`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('folds every spec limit into a measurement', () => {
    for (const d of docs) {
      const specs = d.spans.filter((s) => s.label === 'spec_limit').length;
      if (specs === 0) continue;
      const fields = assembleFields(d.kind, d.text, d.spans.map((s) => ({ ...s, confidence: 0.9 })), { now: NOW, lang });
      const bounded = fields.filter(
        (f) => f.name === 'measurement' && typeof f.value === 'object' && f.value !== null && ('upper' in f.value || 'lower' in f.value),
      );
      expect({ id: d.id, bounded: bounded.length > 0 }).toEqual({ id: d.id, bounded: true });
    }
  });
});
