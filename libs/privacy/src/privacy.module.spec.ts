import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import { Masker } from './masker';
import { PolicyError } from './policy/policy-error';
import type { PrivacyPolicy } from './policy/policy.types';
import { PRIVACY_POLICY, PrivacyModule, createMaskerFromEnv } from './privacy.module';

const policyFile = join(__dirname, '..', '..', '..', 'config', 'privacy-policy.yaml');

@Injectable()
class Consumer {
  constructor(readonly masker: Masker) {}
}

@Module({ providers: [Consumer] })
class FeatureModule {}

describe('PrivacyModule', () => {
  it('provides the Masker globally from the policy file', async () => {
    const warnings: string[] = [];
    const ref = await Test.createTestingModule({
      imports: [PrivacyModule.forRoot({ policyFile, env: {}, warn: (m) => warnings.push(m) }), FeatureModule],
    }).compile();
    const masker = ref.get(Consumer).masker;
    expect(masker).toBeInstanceOf(Masker);
    expect(ref.get<PrivacyPolicy>(PRIVACY_POLICY)).toBe(masker.policy);
    expect(masker.maskValue('phone', '13812345678', { role: 'mes', purpose: 'production' }).denied).toBe(true);
    expect(warnings).toHaveLength(2);
  });

  it('stops start-up with a PolicyError on a broken policy or missing production keys', () => {
    expect(() => createMaskerFromEnv({ env: { PRIVACY_POLICY_FILE: '/nope.yaml' } })).toThrow(PolicyError);
    expect(() => createMaskerFromEnv({ policyFile, env: { NODE_ENV: 'production' } })).toThrow(/PRIVACY_HMAC_KEY: required in production/);
  });
});
