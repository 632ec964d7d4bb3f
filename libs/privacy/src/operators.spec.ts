import { createHmac, randomBytes } from 'node:crypto';
import {
  applyOperator,
  decryptValue,
  encryptValue,
  keyedHash,
  maskKeepLast,
  type PrivacyKeys,
} from './operators';

const keys: PrivacyKeys = { hmacKey: Buffer.alloc(32, 7), encryptionKey: Buffer.alloc(32, 9) };

describe('operators', () => {
  it('show keeps, replace gives the class placeholder or a configured value', () => {
    expect(applyOperator({ op: 'show' }, 'phone', '13812345678', keys)).toEqual({ kind: 'value', value: '13812345678' });
    expect(applyOperator({ op: 'replace' }, 'national_id', 'x', keys)).toEqual({ kind: 'value', value: '<NATIONAL_ID>' });
    expect(applyOperator({ op: 'replace', value: '[hidden]' }, 'email', 'x', keys)).toEqual({ kind: 'value', value: '[hidden]' });
  });

  it('mask keeps the last N code points', () => {
    expect(maskKeepLast('13812345678', 4)).toBe('*******5678');
    expect(maskKeepLast('欧阳晓东', 1)).toBe('***东');
    expect(maskKeepLast('ab', 4)).toBe('ab');
    expect(maskKeepLast('secret', 0, '#')).toBe('######');
    expect(applyOperator({ op: 'mask', keepLast: 2, maskChar: 'x' }, 'phone', '12345', keys)).toEqual({ kind: 'value', value: 'xxx45' });
  });

  it('redact empties, deny reports denial', () => {
    expect(applyOperator({ op: 'redact' }, 'address', '1 Main St', keys)).toEqual({ kind: 'value', value: '' });
    expect(applyOperator({ op: 'deny' }, 'address', '1 Main St', keys)).toEqual({ kind: 'denied' });
  });

  it('hash is HMAC-SHA256 over class and canonical value, stable per key, different across keys', () => {
    const h = keyedHash('national_id', '11010519491231002x', keys.hmacKey);
    const expected = createHmac('sha256', keys.hmacKey).update('national_id\u000011010519491231002X').digest('hex').slice(0, 32);
    expect(h).toBe(`hmac:${expected}`);
    expect(keyedHash('national_id', '11010519491231002X', keys.hmacKey)).toBe(h);
    expect(keyedHash('national_id', '11010519491231002X', Buffer.alloc(32, 8))).not.toBe(h);
  });

  it('hash joins phone formats and keeps classes apart', () => {
    const a = keyedHash('phone', '+86 138-1234-5678', keys.hmacKey);
    expect(keyedHash('phone', '13812345678', keys.hmacKey)).toBe(a);
    expect(keyedHash('phone', '0086 13812345678', keys.hmacKey)).toBe(a);
    expect(keyedHash('bank_account', '13812345678', keys.hmacKey)).not.toBe(a);
    expect(keyedHash('email', 'Zhang@Example.com ', keys.hmacKey)).toBe(keyedHash('email', 'zhang@example.com', keys.hmacKey));
  });

  it('encrypt round-trips, differs per call, and fails on a wrong key or tampering', () => {
    const a = encryptValue('110105198503121234', keys.encryptionKey);
    const b = encryptValue('110105198503121234', keys.encryptionKey);
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(decryptValue(a, keys.encryptionKey)).toBe('110105198503121234');
    expect(decryptValue(b, keys.encryptionKey)).toBe('110105198503121234');
    expect(decryptValue(encryptValue('张伟', keys.encryptionKey), keys.encryptionKey)).toBe('张伟');
    expect(() => decryptValue(a, randomBytes(32))).toThrow();
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => decryptValue(tampered, keys.encryptionKey)).toThrow();
    expect(() => encryptValue('x', Buffer.alloc(16))).toThrow(/32-byte/);
  });
});
