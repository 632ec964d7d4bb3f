import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { Masker } from './masker';
import { loadPolicyFile } from './policy/policy-loader';
import type { PrivacyPolicy } from './policy/policy.types';
import { resolvePrivacyKeys } from './privacy-keys';

export const DEFAULT_POLICY_FILE = 'config/privacy-policy.yaml';
/** Injection token for the validated policy, for code that needs `resolvePrivacyContext`. */
export const PRIVACY_POLICY = Symbol('PRIVACY_POLICY');

export interface MaskerFromEnvOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides PRIVACY_POLICY_FILE. */
  policyFile?: string;
  warn?: (message: string) => void;
}

/**
 * Loads the policy named by PRIVACY_POLICY_FILE (default config/privacy-policy.yaml) and its keys.
 * Throws PolicyError on a broken file or, in production, a missing key: start-up must stop.
 */
export function createMaskerFromEnv(options: MaskerFromEnvOptions = {}): Masker {
  const env = options.env ?? process.env;
  const file = options.policyFile ?? env['PRIVACY_POLICY_FILE'] ?? DEFAULT_POLICY_FILE;
  const policy: PrivacyPolicy = loadPolicyFile(file);
  const keys = resolvePrivacyKeys(policy.keys, env, {
    production: env['NODE_ENV'] === 'production',
    warn: options.warn ?? ((m) => new Logger('Privacy').warn(m)),
  });
  return new Masker(policy, keys);
}

/** Global: every feature module masks with the same policy instance. */
@Global()
@Module({
  providers: [
    { provide: Masker, useFactory: () => createMaskerFromEnv() },
    { provide: PRIVACY_POLICY, useFactory: (masker: Masker) => masker.policy, inject: [Masker] },
  ],
  exports: [Masker, PRIVACY_POLICY],
})
export class PrivacyModule {
  /** For tests and for wiring the typed config: pass a ready Masker or loader options. */
  static forRoot(source: Masker | MaskerFromEnvOptions): DynamicModule {
    const masker = source instanceof Masker ? source : createMaskerFromEnv(source);
    return {
      module: PrivacyModule,
      global: true,
      providers: [
        { provide: Masker, useValue: masker },
        { provide: PRIVACY_POLICY, useValue: masker.policy },
      ],
      exports: [Masker, PRIVACY_POLICY],
    };
  }
}
