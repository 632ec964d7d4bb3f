import type { DataClass, Purpose, Role } from '../data-classes';
import type { OperatorSpec } from '../operators';

export interface PolicyKeysConfig {
  /** Name of the environment variable holding the HMAC key (not the key itself). */
  hmacKeyEnv: string;
  /** Name of the environment variable holding the AES-256-GCM key. */
  encryptionKeyEnv: string;
}

export interface PolicyRule {
  role: Role;
  purpose: Purpose;
  /** Classes left out are denied; `detect` only appears on `free_text`. */
  classes: Partial<Record<DataClass, OperatorSpec>>;
}

export interface PrivacyPolicy {
  version: 1;
  keys: PolicyKeysConfig;
  detection: { minScore: number };
  rules: PolicyRule[];
}
