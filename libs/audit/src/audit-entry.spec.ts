import { canonicalEntry, canonicalJson, changeDigest, entryHash, GENESIS_HASH } from './audit-entry';

const entry = {
  entryId: '0193a000-0000-7000-8000-000000000001',
  at: new Date('2026-01-02T03:04:05.678Z'),
  clientId: 'mes-line-3',
  action: 'production-order.create',
  resource: 'production-orders/0193a000-0000-7000-8000-0000000000aa',
  outcome: 'success' as const,
  status: 201,
  requestId: 'req-1',
  digest: null,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal text for equal values sent in a different key order', () => {
    expect(canonicalJson({ plant: 'P100', quantity: { unit: 'PCE', value: 5 } })).toBe(canonicalJson({ quantity: { value: 5, unit: 'PCE' }, plant: 'P100' }));
  });

  it('encodes scalars as JSON does', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson(new Date('2026-01-01T00:00:00Z'))).toBe('"2026-01-01T00:00:00.000Z"');
  });
});

describe('changeDigest', () => {
  it('is absent when nothing is described', () => {
    expect(changeDigest(entry.entryId, undefined)).toBeNull();
  });

  it('never contains the data and differs per entry for the same change', () => {
    const change = { name: 'Zhang Wei', phone: '13800138000' };
    const a = changeDigest('id-a', change);
    const b = changeDigest('id-b', change);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
    expect(changeDigest('id-a', { phone: '13800138000', name: 'Zhang Wei' })).toBe(a);
  });
});

describe('entryHash', () => {
  it('depends on the previous hash and on every hashed field', () => {
    const h = entryHash(GENESIS_HASH, entry);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(h);
    for (const change of [
      { clientId: 'other' },
      { action: 'production-order.update' },
      { resource: 'production-orders/x' },
      { outcome: 'error' as const },
      { status: 200 },
      { requestId: 'req-2' },
      { digest: 'ab'.repeat(32) },
      { at: new Date('2026-01-02T03:04:05.679Z') },
      { entryId: '0193a000-0000-7000-8000-000000000002' },
    ]) {
      expect(entryHash(GENESIS_HASH, { ...entry, ...change })).not.toBe(h);
    }
  });

  it('keeps null and absent distinct from empty strings in the hashed form', () => {
    expect(canonicalEntry({ ...entry, requestId: null })).not.toBe(canonicalEntry({ ...entry, requestId: '' }));
  });
});
