import { createHash, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { LruCache } from '../lru-cache';

/*
 * Secrets are stored as scrypt hashes: `scrypt$N$r$p$salt$hash` (base64url). scrypt is slow on
 * purpose, so successful checks are remembered briefly, keyed by a digest that includes the stored
 * hash: rotating or changing the secret invalidates the entry without any explicit eviction.
 */
const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function generateClientId(): string {
  return `mwc_${randomBytes(12).toString('base64url')}`;
}

/** The prefix lets secret scanners recognise a leaked Millwright secret. */
export function generateClientSecret(): string {
  return `mws_${randomBytes(32).toString('base64url')}`;
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

/** Remembers successful verifications for `ttlMs`; failures are never cached. */
export class CachedSecretVerifier {
  private readonly cache: LruCache<string, number>;

  constructor(
    private readonly ttlMs = 60_000,
    max = 1000,
  ) {
    this.cache = new LruCache(max);
  }

  async verify(clientId: string, secret: string, storedHash: string): Promise<boolean> {
    const key = createHash('sha256').update(`${clientId}\0${secret}\0${storedHash}`).digest('base64url');
    const until = this.cache.get(key);
    if (until !== undefined && until > Date.now()) return true;
    const ok = await verifySecret(secret, storedHash);
    if (ok) this.cache.set(key, Date.now() + this.ttlMs);
    return ok;
  }
}
