import { DomainError, ErrorCode } from '@mw/http';
import type { PrivacyPolicy } from './policy/policy.types';
import { PrivacyContext, resolvePrivacyContext } from './privacy-context';

/**
 * The viewer's privacy context for an HTTP request: roles and purposes from the token, the purpose
 * chosen with the Data-Purpose header. A purpose the token does not grant is 403, an ambiguous
 * choice 400; anything else resolves (possibly to deny-all).
 */
export function privacyContextForRequest(
  policy: PrivacyPolicy,
  principal: { roles: readonly string[]; purposes: readonly string[] },
  purposeHeader: string | undefined,
): PrivacyContext {
  const resolution = resolvePrivacyContext(policy, { roles: principal.roles, purposes: principal.purposes }, purposeHeader);
  if (resolution.problem === 'purpose_not_granted') throw new DomainError(ErrorCode.Forbidden, resolution.reason);
  if (resolution.problem === 'purpose_ambiguous') throw new DomainError(ErrorCode.BadRequest, resolution.reason);
  return resolution.context;
}
