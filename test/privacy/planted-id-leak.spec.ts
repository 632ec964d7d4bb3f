import { join } from 'node:path';
import { DATA_CLASSES, Masker, PURPOSES, ROLES, findLeaks, loadPolicyFile, type PrivacyContext } from '@mw/privacy';

/**
 * A planted ID number must not leave unmasked for any context that may not see it: not in a
 * masked record (what REST responses and MES events carry), not in free text, not in a log line
 * or an error message. The app-level leg (real HTTP, Kafka, pino) belongs to the e2e suite, which
 * can reuse `findLeaks` over its captured output.
 */
const PLANTED = '45010319860920579X';
const FORMS = [PLANTED, '450103 19860920 579X', '４５０１０３１９８６０９２０５７９Ｘ', PLANTED.toLowerCase()];

const masker = new Masker(loadPolicyFile(join(__dirname, '..', '..', 'config', 'privacy-policy.yaml')), {
  hmacKey: Buffer.alloc(32, 3),
  encryptionKey: Buffer.alloc(32, 4),
});

const contexts: PrivacyContext[] = [
  ...ROLES.flatMap((role) => PURPOSES.map((purpose) => ({ role, purpose }))),
  { role: 'unknown_role', purpose: 'production' },
  { role: null, purpose: null },
].filter((ctx) => !masker.canSee('national_id', ctx));

function claimFor(form: string): Record<string, unknown> {
  return {
    claimNo: 'CLM-2026-000913',
    claimant: { name: '欧阳晓东', nationalId: form, phone: '13812345678' },
    description: `被保险人身份证号${form}，车辆在高速熄火。The claimant's ID card no. ${form} was verified.`,
    documents: [{ text: `ID number: ${form}\nPhone: +86 138 1234 5678` }],
  };
}

const FIELD_CLASSES = {
  'claimant.name': 'person_name',
  'claimant.nationalId': 'national_id',
  'claimant.phone': 'phone',
  description: 'free_text',
  'documents[*].text': 'free_text',
} as const;

describe('a planted ID number never leaks', () => {
  it('applies to a meaningful set of contexts', () => {
    expect(contexts.length).toBeGreaterThanOrEqual(ROLES.length * PURPOSES.length);
    expect(DATA_CLASSES).toContain('national_id');
  });

  describe.each(FORMS)('written as %s', (form) => {
    it.each(contexts.map((c) => [`${c.role}/${c.purpose}`, c] as const))('in records, text, logs and errors for %s', (_, ctx) => {
      const outputs: string[] = [];
      outputs.push(JSON.stringify(masker.maskRecord(claimFor(form), FIELD_CLASSES, ctx)));
      outputs.push(masker.maskText(`身份证：${form}`, ctx).text);
      outputs.push(masker.maskValue('free_text', `ID no. ${form}`, ctx).value ?? '');
      outputs.push(masker.redactForLogs(`claim CLM-1 received from claimant with ID number ${form}`));
      outputs.push(JSON.stringify(masker.redactDeepForLogs({ msg: 'validation failed', err: new Error(`duplicate national id ${form}`), body: claimFor(form) })));
      for (const out of outputs) expect({ out, leaks: findLeaks(out, [PLANTED]) }).toEqual({ out, leaks: [] });
    });
  });

  it('is caught by findLeaks when it does leak (the check is not vacuous)', () => {
    const visible = { role: 'claims_handler', purpose: 'claims_processing' };
    const out = masker.maskRecord({ note: `ID ${FORMS[1]}` }, { note: 'person_name' }, visible);
    expect(findLeaks(JSON.stringify(out.value), [PLANTED])).toEqual([{ secret: PLANTED, form: 'compacted' }]);
  });
});
