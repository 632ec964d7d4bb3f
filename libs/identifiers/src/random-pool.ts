import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let at = POOL_BYTES;

function reserve(n: number): number {
  if (n > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} pooled random bytes at a time, asked for ${n}`);
  if (at + n > POOL_BYTES) {
    randomFillSync(pool);
    at = 0;
  }
  const start = at;
  at += n;
  return start;
}

/**
 * `n` random bytes (a copy) from a buffer the CSPRNG refills 4 KiB at a time, as Node's own
 * randomUUID does: one `randomBytes` call is a getrandom syscall, ~10 µs on our VMs, and every
 * request mints a trace id and a span id, every row a UUIDv7. For identifiers, not for secrets
 * (signing keys and client secrets call randomBytes directly).
 */
export function pooledRandomBytes(n: number): Buffer {
  const start = reserve(n);
  return Buffer.from(pool.subarray(start, start + n));
}

/** `n` pooled random bytes as lower-case hex (2n characters). */
export function pooledRandomHex(n: number): string {
  const start = reserve(n);
  return pool.toString('hex', start, start + n);
}
