import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { Db } from '@mw/database';

export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** A private signing key as JWK, with `kid`, `alg` and `use` set. */
export type PrivateJwk = JWK & { kid: string; alg: SigningAlgorithm; use: 'sig' };

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** Retired keys still verify for this long, so tokens signed just before a rotation stay valid. */
const RETIRED_KEY_GRACE = '1 day';

export function toPublicJwk(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  return copy as JWK;
}

async function generate(alg: SigningAlgorithm): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(toPublicJwk(jwk));
  return { ...jwk, kid, alg, use: 'sig' };
}

/**
 * Signing keys live in `signing_keys` so every replica of the embedded authorization server signs
 * with, and verifies against, the same keys. Generated once, on the first start.
 */
export class SigningKeysRepository {
  constructor(private readonly db: Db) {}

  /** Creates one key per algorithm when none is active; safe when replicas start together. */
  async ensure(): Promise<PrivateJwk[]> {
    await this.db.tx(async (q) => {
      await q.query(`SELECT pg_advisory_xact_lock(hashtext('millwright.auth.signing_keys'))`);
      const rows = await q.query<{ alg: string }>(`SELECT DISTINCT alg FROM signing_keys WHERE retired_at IS NULL`);
      const present = new Set(rows.map((r) => r.alg));
      for (const alg of SIGNING_ALGORITHMS) {
        if (present.has(alg)) continue;
        const jwk = await generate(alg);
        await q.query(`INSERT INTO signing_keys (kid, alg, private_jwk) VALUES ($1, $2, $3)`, [jwk.kid, alg, JSON.stringify(jwk)]);
      }
    });
    return this.active();
  }

  /** jsonb arrives parsed from node-postgres and PGlite alike; a string is tolerated all the same. */
  private static parse(value: PrivateJwk | string): PrivateJwk {
    return typeof value === 'string' ? (JSON.parse(value) as PrivateJwk) : value;
  }

  /** Keys that sign, newest first. */
  async active(): Promise<PrivateJwk[]> {
    const rows = await this.db.query<{ private_jwk: PrivateJwk | string }>(
      `SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid`,
    );
    return rows.map((r) => SigningKeysRepository.parse(r.private_jwk));
  }

  /** Public halves of the keys that may still verify: active ones and those retired within the grace period. */
  async verificationKeys(): Promise<JWK[]> {
    const rows = await this.db.query<{ private_jwk: PrivateJwk | string }>(
      `SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL OR retired_at > now() - interval '${RETIRED_KEY_GRACE}'`,
    );
    return rows.map((r) => toPublicJwk(SigningKeysRepository.parse(r.private_jwk)));
  }
}
