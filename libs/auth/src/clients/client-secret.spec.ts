import { CachedSecretVerifier, hashSecret, verifySecret } from './client-secret';

describe('client secret hashing', () => {
  it('verifies the right secret and refuses any other', async () => {
    const stored = await hashSecret('correct horse battery staple');
    expect(await verifySecret('correct horse battery staple', stored)).toBe(true);
    expect(await verifySecret('correct horse battery stapl', stored)).toBe(false);
    expect(await verifySecret('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashSecret('same')).not.toBe(await hashSecret('same'));
  });

  it('refuses malformed stored values instead of throwing', async () => {
    for (const stored of ['', 'plain-text-secret', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$c2FsdA$']) {
      expect(await verifySecret('plain-text-secret', stored)).toBe(false);
    }
  });

  it('the cache never turns a wrong secret into a right one, and a new hash needs a new check', async () => {
    const verifier = new CachedSecretVerifier();
    const first = await hashSecret('s3cret-value-1');
    expect(await verifier.verify('c1', 's3cret-value-1', first)).toBe(true);
    expect(await verifier.verify('c1', 's3cret-value-1', first)).toBe(true);
    expect(await verifier.verify('c1', 'wrong', first)).toBe(false);
    expect(await verifier.verify('c2', 's3cret-value-1', first)).toBe(true);
    const rotated = await hashSecret('s3cret-value-2');
    expect(await verifier.verify('c1', 's3cret-value-1', rotated)).toBe(false);
  });
});
