import { pooledRandomBytes, pooledRandomHex } from './random-pool';

describe('pooled random bytes', () => {
  it('gives the requested length, fresh bytes every call, across pool refills', () => {
    const seen = new Set<string>();
    // 2,000 x 16 bytes walks through the 4 KiB pool about eight times.
    for (let i = 0; i < 2000; i++) {
      const hex = i % 2 === 0 ? pooledRandomHex(16) : pooledRandomBytes(16).toString('hex');
      expect(hex).toMatch(/^[0-9a-f]{32}$/);
      seen.add(hex);
    }
    expect(seen.size).toBe(2000);
  });

  it('hands out copies: changing one does not change the next', () => {
    const a = pooledRandomBytes(8);
    a.fill(0);
    const b = pooledRandomBytes(8);
    expect(b.equals(Buffer.alloc(8))).toBe(false);
  });

  it('is not all zeros or all one value', () => {
    const bytes = pooledRandomBytes(4096);
    expect(new Set(bytes).size).toBeGreaterThan(200);
  });

  it('refuses more than the pool holds', () => {
    expect(() => pooledRandomHex(4097)).toThrow(RangeError);
  });
});
