import { createHash } from 'node:crypto';
import type { PrivacyKeys } from './operators';
import { PolicyError } from './policy/policy-error';
import type { PolicyKeysConfig } from './policy/policy.types';

export interface ResolveKeysOptions {
  /** In production a missing key stops start-up; elsewhere a stable development key is derived. */
  production: boolean;
  warn: (message: string) => void;
}

/**
 * Turns the key variables named by the policy into key bytes. A key is 64 hex characters or
 * base64/base64url of 32 bytes. This is the one place the lead's config layer needs to replace.
 */
export function resolvePrivacyKeys(
  config: PolicyKeysConfig,
  env: Readonly<Record<string, string | undefined>>,
  options: ResolveKeysOptions,
): PrivacyKeys {
  const issues: string[] = [];
  const read = (name: string, purpose: string): Buffer => {
    const raw = env[name]?.trim();
    if (!raw) {
      if (options.production) {
        issues.push(`${name}: required in production (32-byte ${purpose} key as 64 hex chars or base64)`);
        return Buffer.alloc(32);
      }
      options.warn(
        `${name} is not set; using a fixed development ${purpose} key. Hashes and ciphertexts made with it are not secret.`,
      );
      return createHash('sha256').update(`millwright-dev-only:${name}`).digest();
    }
    const key = decodeKey(raw);
    if (!key) {
      issues.push(`${name}: expected 32 bytes as 64 hex chars or base64, got ${raw.length} characters that do not decode to 32 bytes`);
      return Buffer.alloc(32);
    }
    return key;
  };
  const hmacKey = read(config.hmacKeyEnv, 'HMAC');
  const encryptionKey = read(config.encryptionKeyEnv, 'AES-256-GCM');
  if (issues.length > 0) throw new PolicyError('key environment', issues);
  return { hmacKey, encryptionKey };
}

function decodeKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    const b = Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
    if (b.length === 32) return b;
  }
  return null;
}
