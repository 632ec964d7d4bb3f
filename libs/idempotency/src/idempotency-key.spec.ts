import { canonicalJson, fingerprint, parseIdempotencyKey } from './idempotency-key';

describe('Idempotency-Key parsing', () => {
  it('accepts a bare token and the structured-field string form alike', () => {
    expect(parseIdempotencyKey('abc-123')).toBe('abc-123');
    expect(parseIdempotencyKey('"abc-123"')).toBe('abc-123');
    expect(parseIdempotencyKey('"with \\"quote\\""')).toBe('with "quote"');
  });
  it.each(['', '""', 'x'.repeat(256), 'tab\there', 'ünï'])('rejects %j', (raw) => {
    expect(() => parseIdempotencyKey(raw)).toThrow(/Idempotency-Key/);
  });
  it('returns undefined when absent', () => expect(parseIdempotencyKey(undefined)).toBeUndefined());
});

describe('fingerprint', () => {
  it('ignores key order but not values, method or path', () => {
    const a = fingerprint('POST', '/v1/x', { b: 1, a: { d: [1, 2], c: null } });
    expect(fingerprint('POST', '/v1/x', { a: { c: null, d: [1, 2] }, b: 1 })).toBe(a);
    expect(fingerprint('POST', '/v1/x', { a: { c: null, d: [2, 1] }, b: 1 })).not.toBe(a);
    expect(fingerprint('PATCH', '/v1/x', { b: 1, a: { d: [1, 2], c: null } })).not.toBe(a);
    expect(fingerprint('POST', '/v1/y', { b: 1, a: { d: [1, 2], c: null } })).not.toBe(a);
  });
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ z: 1, a: [{ y: 2, b: 3 }] })).toBe('{"a":[{"b":3,"y":2}],"z":1}');
  });
});
