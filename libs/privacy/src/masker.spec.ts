import { decryptValue, type PrivacyKeys } from './operators';
import { Masker, parsePath } from './masker';
import { parsePolicy } from './policy/policy-loader';
import { privacyClaimsFromToken, resolvePrivacyContext } from './privacy-context';
import { resolvePrivacyKeys } from './privacy-keys';

const policy = parsePolicy(`
version: 1
rules:
  - role: mes
    purpose: production
    classes:
      national_id: { op: hash }
      phone: { op: mask, keepLast: 4 }
      free_text: { op: detect }
  - role: dpo
    purpose: audit
    classes:
      national_id: { op: encrypt }
      person_name: { op: show }
      free_text: { op: show }
`);
const keys: PrivacyKeys = { hmacKey: Buffer.alloc(32, 1), encryptionKey: Buffer.alloc(32, 2) };
const masker = new Masker(policy, keys);
const mes = { role: 'mes', purpose: 'production' };
const dpo = { role: 'dpo', purpose: 'audit' };

describe('Masker', () => {
  it('explains the rule applied, or why it denied', () => {
    expect(masker.maskValue('phone', '13812345678', mes)).toEqual({
      value: '*******5678',
      denied: false,
      op: 'mask',
      reason: 'role=mes purpose=production class=phone -> mask(keepLast=4)',
    });
    expect(masker.maskValue('email', 'a@b.cn', mes).reason).toBe('default deny (role=mes purpose=production: class=email not in rule)');
    expect(masker.maskValue('phone', '1', { role: 'mes', purpose: 'audit' })).toMatchObject({ denied: true, value: undefined });
    expect(masker.maskValue('phone', '1', { role: 'ghost', purpose: 'production' }).reason).toMatch(/^default deny .*no rule/);
    expect(masker.maskValue('phone', '1', { role: null, purpose: null }).denied).toBe(true);
  });

  it('maskText applies each entity class rule and reports offsets on the original', () => {
    const text = '报案人：李娜，电话13812345678，邮箱lina@example.com';
    const out = masker.maskText(text, mes);
    expect(out.text).toBe('报案人：<PERSON_NAME>，电话*******5678，邮箱<EMAIL>');
    expect(out.entities).toEqual([
      { type: 'person_name', start: 4, end: 6, op: 'deny' },
      { type: 'phone', start: 9, end: 20, op: 'mask' },
      { type: 'email', start: 23, end: 39, op: 'deny' },
    ]);
    expect(text.slice(9, 20)).toBe('13812345678');
  });

  it('maskValue on free_text follows the free_text rule: detect, show, or deny', () => {
    expect(masker.maskValue('free_text', 'call 13812345678', mes).value).toBe('call *******5678');
    expect(masker.maskValue('free_text', 'call 13812345678', dpo).value).toBe('call 13812345678');
    expect(masker.maskValue('free_text', 'call 13812345678', { role: 'x', purpose: 'y' }).denied).toBe(true);
  });

  it('maskRecord masks a copy by path, removes denied fields and reports every decision', () => {
    const record = {
      claimant: { name: '李娜', phone: '13812345678', id: '110105198503121234' },
      items: [{ inspector: 'Jane Doe', note: 'Jane called from 13812345678' }, { inspector: null, note: 'ok' }],
      count: 2,
    };
    const { value, masked } = masker.maskRecord(
      record,
      { 'claimant.name': 'person_name', 'claimant.phone': 'phone', 'claimant.id': 'national_id', 'items[*].inspector': 'person_name', 'items.*.note': 'free_text', missing: 'email' },
      mes,
    );
    expect(value).toEqual({
      claimant: { phone: '*******5678', id: expect.stringMatching(/^hmac:[0-9a-f]{32}$/) },
      items: [{ note: 'Jane called from *******5678' }, { inspector: null, note: 'ok' }],
      count: 2,
    });
    expect(record.claimant.name).toBe('李娜');
    expect(masked.map((m) => [m.path, m.op])).toEqual([
      ['claimant.name', 'deny'],
      ['claimant.phone', 'mask'],
      ['claimant.id', 'hash'],
      ['items[0].inspector', 'deny'],
      ['items[0].note', 'detect'],
      ['items[1].note', 'detect'],
    ]);
  });

  it('maskRecord masks every leaf of a classified object and keeps types under show', () => {
    const { value } = masker.maskRecord({ ids: ['110105198503121234', 42], who: 'Ann' }, { ids: 'national_id', who: 'person_name' }, dpo);
    expect(value.who).toBe('Ann');
    expect(decryptValue(value.ids[0] as string, keys.encryptionKey)).toBe('110105198503121234');
    expect(decryptValue(value.ids[1] as string, keys.encryptionKey)).toBe('42');
  });

  it('parses paths', () => {
    expect(parsePath('a.b[*].c')).toEqual(['a', 'b', '*', 'c']);
    expect(parsePath('a[0].b')).toEqual(['a', '0', 'b']);
    expect(parsePath('a[].b.*')).toEqual(['a', '*', 'b', '*']);
  });

  it('redacts logs whatever the role, deep through objects and errors', () => {
    expect(masker.redactForLogs('claim by Mr. John Smith, id 110105198503121234, tel 13812345678, j@x.com')).toBe(
      'claim by Mr. <PERSON_NAME>, id <NATIONAL_ID>, tel <PHONE>, <EMAIL>',
    );
    const circular: Record<string, unknown> = { msg: 'card 4111 1111 1111 1111' };
    circular['self'] = circular;
    const out = masker.redactDeepForLogs<unknown>({ a: [circular], err: new Error('bad id 110105198503121234') }) as {
      a: [{ msg: string }];
      err: { message: string };
    };
    expect(out.a[0].msg).toBe('card <BANK_ACCOUNT>');
    expect(out.err.message).toBe('bad id <NATIONAL_ID>');
  });
});

describe('resolvePrivacyContext', () => {
  const claims = { roles: ['integrator', 'mes', 'dpo'], purposes: ['production', 'audit'] };

  it('takes the Data-Purpose header among granted purposes, then the first role with a rule', () => {
    expect(resolvePrivacyContext(policy, claims, 'production').context).toEqual({ role: 'mes', purpose: 'production' });
    expect(resolvePrivacyContext(policy, claims, 'audit').context).toEqual({ role: 'dpo', purpose: 'audit' });
  });

  it('refuses ungranted or ambiguous purposes with a deny-all context', () => {
    expect(resolvePrivacyContext(policy, claims, 'support')).toMatchObject({ problem: 'purpose_not_granted', context: { role: null, purpose: null } });
    expect(resolvePrivacyContext(policy, claims)).toMatchObject({ problem: 'purpose_ambiguous', context: { role: null } });
    expect(resolvePrivacyContext(policy, { roles: ['mes'], purposes: ['production'] }).context).toEqual(mes);
    expect(resolvePrivacyContext(policy, { roles: ['admin'], purposes: ['production'] }).context).toEqual({ role: null, purpose: 'production' });
  });

  it('reads claims and scopes from a token payload', () => {
    expect(privacyClaimsFromToken({ mw_roles: ['mes'], mw_purposes: 'production audit', scope: 'openid role:dpo purpose:audit role:mes' })).toEqual({
      roles: ['mes', 'dpo'],
      purposes: ['production', 'audit'],
    });
    expect(privacyClaimsFromToken({ scp: ['role:admin', 'purpose:support'] })).toEqual({ roles: ['admin'], purposes: ['support'] });
  });
});

describe('resolvePrivacyKeys', () => {
  const names = { hmacKeyEnv: 'H', encryptionKeyEnv: 'E' };

  it('decodes hex and base64 keys', () => {
    const k = resolvePrivacyKeys(names, { H: 'ab'.repeat(32), E: Buffer.alloc(32, 5).toString('base64') }, { production: true, warn: () => undefined });
    expect(k.hmacKey).toEqual(Buffer.alloc(32, 0xab));
    expect(k.encryptionKey).toEqual(Buffer.alloc(32, 5));
  });

  it('derives stable dev keys with a warning outside production, and refuses in production', () => {
    const warnings: string[] = [];
    const a = resolvePrivacyKeys(names, {}, { production: false, warn: (m) => warnings.push(m) });
    const b = resolvePrivacyKeys(names, {}, { production: false, warn: () => undefined });
    expect(a).toEqual(b);
    expect(warnings).toHaveLength(2);
    expect(() => resolvePrivacyKeys(names, {}, { production: true, warn: () => undefined })).toThrow(/H: required in production/);
    expect(() => resolvePrivacyKeys(names, { H: 'short', E: 'x' }, { production: false, warn: () => undefined })).toThrow(/H: expected 32 bytes/);
  });
});
