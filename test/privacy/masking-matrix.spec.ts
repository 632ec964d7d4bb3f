import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import {
  DATA_CLASSES,
  Masker,
  PURPOSES,
  ROLES,
  decryptValue,
  loadPolicyFile,
  type DataClass,
  type PrivacyKeys,
} from '@mw/privacy';

/**
 * The default policy, restated by hand as the expected outcome for every role x purpose x class.
 * `mask:N` is mask(keepLast=N). Combinations not listed are denied. If config/privacy-policy.yaml
 * changes, this table must change with it, which is the point.
 */
type Expected = 'show' | 'replace' | 'mask:1' | 'mask:4' | 'redact' | 'hash' | 'encrypt' | 'deny' | 'detect';
const NO_PII: Record<DataClass, Expected> = {
  person_name: 'deny', national_id: 'hash', phone: 'deny', email: 'deny', address: 'deny', bank_account: 'deny', free_text: 'detect',
};
const TABLE: Record<string, Record<DataClass, Expected>> = {
  'mes/production': NO_PII,
  'integrator/production': NO_PII,
  'integrator/support': {
    person_name: 'replace', national_id: 'replace', phone: 'replace', email: 'replace', address: 'replace', bank_account: 'deny', free_text: 'detect',
  },
  'quality_engineer/quality_analysis': {
    person_name: 'mask:1', national_id: 'hash', phone: 'mask:4', email: 'replace', address: 'redact', bank_account: 'deny', free_text: 'detect',
  },
  'claims_handler/claims_processing': {
    person_name: 'show', national_id: 'mask:4', phone: 'show', email: 'show', address: 'show', bank_account: 'mask:4', free_text: 'detect',
  },
  'dpo/audit': {
    person_name: 'show', national_id: 'encrypt', phone: 'show', email: 'show', address: 'show', bank_account: 'encrypt', free_text: 'detect',
  },
  'admin/support': {
    person_name: 'replace', national_id: 'hash', phone: 'mask:4', email: 'hash', address: 'replace', bank_account: 'deny', free_text: 'detect',
  },
  'admin/audit': {
    person_name: 'hash', national_id: 'hash', phone: 'hash', email: 'hash', address: 'redact', bank_account: 'deny', free_text: 'detect',
  },
};

const SAMPLE: Record<Exclude<DataClass, 'free_text'>, string> = {
  person_name: '欧阳晓东',
  national_id: '110105198503121234',
  phone: '+86 138 1234 5678',
  email: 'zhang.wei@example.com',
  address: '北京市朝阳区建国路88号',
  bank_account: '6222 0212 3456 7894',
};
const FREE_TEXT_PARTS: [string, Exclude<DataClass, 'free_text'> | null][] = [
  ['申请人：', null], [SAMPLE.person_name, 'person_name'], ['，电话', null], [SAMPLE.phone, 'phone'], ['，身份证', null],
  [SAMPLE.national_id, 'national_id'], ['，邮箱', null], [SAMPLE.email, 'email'], ['，地址：', null], [SAMPLE.address, 'address'],
  ['，卡号', null], [SAMPLE.bank_account, 'bank_account'], ['。', null],
];
const FREE_TEXT = FREE_TEXT_PARTS.map(([s]) => s).join('');

const keys: PrivacyKeys = { hmacKey: Buffer.alloc(32, 0x11), encryptionKey: Buffer.alloc(32, 0x22) };
const masker = new Masker(loadPolicyFile(join(__dirname, '..', '..', 'config', 'privacy-policy.yaml')), keys);

/** Written independently of the operators module: the spec of each outcome, not a call into it. */
function hmacOf(cls: DataClass, canonical: string): string {
  return 'hmac:' + createHmac('sha256', keys.hmacKey).update(`${cls}\u0000${canonical}`).digest('hex').slice(0, 32);
}
const CANONICAL: Record<Exclude<DataClass, 'free_text'>, string> = {
  person_name: '欧阳晓东',
  national_id: '110105198503121234',
  phone: '13812345678',
  email: 'zhang.wei@example.com',
  address: '北京市朝阳区建国路88号',
  bank_account: '6222021234567894',
};

/** Expected output for one class value; a function when the output is randomised (encrypt). */
function expectedFor(expected: Expected, cls: Exclude<DataClass, 'free_text'>, inText: boolean): string | ((v: string) => void) {
  const value = SAMPLE[cls];
  switch (expected) {
    case 'show':
      return value;
    case 'replace':
      return `<${cls.toUpperCase()}>`;
    case 'mask:1':
    case 'mask:4': {
      const n = expected === 'mask:1' ? 1 : 4;
      const chars = Array.from(value);
      return '*'.repeat(chars.length - n) + chars.slice(-n).join('');
    }
    case 'redact':
      return '';
    case 'hash':
      return hmacOf(cls, CANONICAL[cls]);
    case 'encrypt':
      return (v: string) => {
        expect(v).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
        expect(decryptValue(v, keys.encryptionKey)).toBe(value);
      };
    case 'deny':
      // A denied field is dropped; a denied entity inside text becomes its placeholder.
      return inText ? `<${cls.toUpperCase()}>` : '<dropped>';
    case 'detect':
      throw new Error('detect is free_text only');
  }
}

const rows = ROLES.flatMap((role) => PURPOSES.flatMap((purpose) => DATA_CLASSES.map((cls) => [role, purpose, cls] as const)));

describe('masking matrix over the default policy', () => {
  it('the table restates every rule of config/privacy-policy.yaml and nothing else', () => {
    const inFile = masker.policy.rules.map((r) => `${r.role}/${r.purpose}`).sort();
    expect(inFile).toEqual(Object.keys(TABLE).sort());
    for (const rule of masker.policy.rules) {
      for (const cls of DATA_CLASSES) {
        const spec = rule.classes[cls] ?? { op: 'deny' };
        const restated = spec.op === 'mask' ? `mask:${spec.keepLast}` : spec.op;
        expect(`${rule.role}/${rule.purpose}/${cls}=${restated}`).toBe(`${rule.role}/${rule.purpose}/${cls}=${TABLE[`${rule.role}/${rule.purpose}`]?.[cls]}`);
      }
    }
  });

  it.each(rows)('%s / %s / %s', (role, purpose, cls) => {
    const expected: Expected = TABLE[`${role}/${purpose}`]?.[cls] ?? 'deny';
    const ctx = { role, purpose };
    if (cls === 'free_text') {
      const out = masker.maskValue('free_text', FREE_TEXT, ctx);
      if (expected === 'deny') {
        expect(out).toMatchObject({ denied: true, value: undefined });
        return;
      }
      expect(expected).toBe('detect');
      const row = TABLE[`${role}/${purpose}`] as Record<DataClass, Expected>;
      // Rebuild the expected text piece by piece; encrypted pieces are checked by decryption.
      let pattern = '^';
      const checks: ((v: string) => void)[] = [];
      for (const [piece, pieceClass] of FREE_TEXT_PARTS) {
        if (!pieceClass) {
          pattern += escapeRegExp(piece);
          continue;
        }
        const e = expectedFor(row[pieceClass], pieceClass, true);
        if (typeof e === 'string') pattern += escapeRegExp(e);
        else {
          pattern += '(enc:v1:[A-Za-z0-9_-]+)';
          checks.push(e);
        }
      }
      const m = new RegExp(pattern + '$').exec(out.value ?? '');
      expect(m ? 'matches' : out.value).toBe('matches');
      checks.forEach((check, i) => check(m?.[i + 1] ?? ''));
      expect(out.entities?.map((e) => e.type)).toEqual(['person_name', 'phone', 'national_id', 'email', 'address', 'bank_account']);
      return;
    }
    const out = masker.maskValue(cls, SAMPLE[cls], ctx);
    const want = expectedFor(expected, cls, false);
    if (want === '<dropped>') {
      expect(out).toMatchObject({ denied: true, value: undefined, op: 'deny' });
    } else if (typeof want === 'string') {
      expect(out).toMatchObject({ denied: false, value: want });
    } else {
      want(out.value ?? '');
    }
    // The record path drops denied fields and reports the same rule.
    const rec = masker.maskRecord({ v: SAMPLE[cls] }, { v: cls }, ctx);
    expect('v' in rec.value).toBe(want !== '<dropped>');
    expect(rec.masked).toEqual([{ path: 'v', dataClass: cls, op: out.op, reason: out.reason }]);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
