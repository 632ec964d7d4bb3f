export {
  DATA_CLASSES,
  DETECTABLE_CLASSES,
  PURPOSES,
  ROLES,
  isDataClass,
  isPurpose,
  isRole,
  placeholderFor,
  type DataClass,
  type DetectableClass,
  type Purpose,
  type Role,
} from './data-classes';
export { detectPii, foldFullWidth, isValidIban, type DetectOptions, type PiiEntity } from './pii-detector';
export {
  ENCRYPTION_PREFIX,
  HASH_PREFIX,
  OPERATORS,
  applyOperator,
  decryptValue,
  describeOperator,
  encryptValue,
  keyedHash,
  maskKeepLast,
  type OperatorName,
  type OperatorSpec,
  type PrivacyKeys,
} from './operators';
export { PolicyError } from './policy/policy-error';
export { loadPolicyFile, parsePolicy } from './policy/policy-loader';
export { validatePolicy } from './policy/policy-validator';
export type { PolicyKeysConfig, PolicyRule, PrivacyPolicy } from './policy/policy.types';
export {
  LOG_REDACTED_CLASSES,
  Masker,
  type AppliedEntity,
  type MaskReport,
  type MaskedRecord,
  type MaskedText,
  type MaskedValue,
} from './masker';
export {
  DENY_ALL_CONTEXT,
  privacyClaimsFromToken,
  resolvePrivacyContext,
  type ContextProblem,
  type ContextResolution,
  type PrivacyClaims,
  type PrivacyContext,
} from './privacy-context';
export { resolvePrivacyKeys, type ResolveKeysOptions } from './privacy-keys';
export { findLeaks, type Leak } from './leak-scanner';
export {
  DEFAULT_POLICY_FILE,
  PRIVACY_POLICY,
  PrivacyModule,
  createMaskerFromEnv,
  type MaskerFromEnvOptions,
} from './privacy.module';
export { privacyContextForRequest } from './request-privacy';
