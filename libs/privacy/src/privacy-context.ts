import type { PrivacyPolicy } from './policy/policy.types';

/** Who is asking and why; `null` in either place means "no rule applies", i.e. deny everything. */
export interface PrivacyContext {
  role: string | null;
  purpose: string | null;
}

export const DENY_ALL_CONTEXT: PrivacyContext = Object.freeze({ role: null, purpose: null });

/** What the auth layer hands over: every role and purpose the token grants, in token order. */
export interface PrivacyClaims {
  roles: readonly string[];
  purposes: readonly string[];
}

export type ContextProblem = 'purpose_not_granted' | 'purpose_ambiguous';

export interface ContextResolution {
  /** Always usable: the deny-all context when `problem` is set or nothing matches. */
  context: PrivacyContext;
  /** Set when the request itself is wrong; the HTTP layer may answer 403/400 instead of serving masked data. */
  problem?: ContextProblem;
  reason: string;
}

/**
 * Picks one (role, purpose) pair deterministically, never the most permissive one:
 *  1. purpose = the `Data-Purpose` header if given (it must be one the token grants), else the
 *     token's only purpose; several purposes and no header is ambiguous and gets deny-all;
 *  2. role = the first role, in token order, that has a policy rule for that purpose.
 */
export function resolvePrivacyContext(
  policy: PrivacyPolicy,
  claims: PrivacyClaims,
  requestedPurpose?: string | null,
): ContextResolution {
  let purpose: string;
  const requested = requestedPurpose?.trim();
  if (requested) {
    if (!claims.purposes.includes(requested)) {
      return {
        context: DENY_ALL_CONTEXT,
        problem: 'purpose_not_granted',
        reason: `purpose "${requested}" is not granted by the token (granted: ${claims.purposes.join(', ') || 'none'})`,
      };
    }
    purpose = requested;
  } else if (claims.purposes.length === 1) {
    purpose = claims.purposes[0] as string;
  } else if (claims.purposes.length === 0) {
    return { context: DENY_ALL_CONTEXT, reason: 'token grants no purpose' };
  } else {
    return {
      context: DENY_ALL_CONTEXT,
      problem: 'purpose_ambiguous',
      reason: `token grants several purposes (${claims.purposes.join(', ')}); choose one with the Data-Purpose header`,
    };
  }
  const role = claims.roles.find((r) => policy.rules.some((rule) => rule.role === r && rule.purpose === purpose));
  if (!role) {
    return { context: { role: null, purpose }, reason: `no granted role has a rule for purpose=${purpose}` };
  }
  return { context: { role, purpose }, reason: `role=${role} purpose=${purpose}` };
}

/**
 * Reads roles and purposes from a verified token payload: `mw_roles` / `mw_purposes` claims (array
 * or space-separated string) plus `role:x` / `purpose:y` entries of `scope` (string) or `scp` (array).
 * Claims come first, then scopes, duplicates dropped, order kept.
 */
export function privacyClaimsFromToken(payload: Record<string, unknown>): PrivacyClaims {
  const roles = new Set<string>(listClaim(payload['mw_roles']));
  const purposes = new Set<string>(listClaim(payload['mw_purposes']));
  for (const scope of [...listClaim(payload['scope']), ...listClaim(payload['scp'])]) {
    if (scope.startsWith('role:') && scope.length > 5) roles.add(scope.slice(5));
    else if (scope.startsWith('purpose:') && scope.length > 8) purposes.add(scope.slice(8));
  }
  return { roles: [...roles], purposes: [...purposes] };
}

function listClaim(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
  return [];
}
