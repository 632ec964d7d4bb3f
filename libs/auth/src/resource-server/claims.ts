import type { JWTPayload } from 'jose';
import type { Principal } from '../principal';

function strings(value: unknown, separator: RegExp): string[] {
  if (typeof value === 'string') return value.split(separator).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Maps a verified access token's claims to a Principal. Besides our own claims it reads the usual
 * places other issuers put the same facts: `scp` (Okta: array, Entra ID: space-separated string),
 * `roles` (Entra ID app roles), `azp` (Keycloak) and `appid` (Entra ID v1) for the client.
 * Returns undefined when no client can be identified.
 */
export function principalFromClaims(payload: JWTPayload): Principal | undefined {
  const scopes = [...new Set([...strings(payload.scope, / +/), ...strings(payload['scp'], / +/)])];
  const clientId = text(payload['client_id']) ?? text(payload['azp']) ?? text(payload['appid']) ?? text(payload.sub);
  if (clientId === undefined) return undefined;
  return {
    clientId,
    subject: text(payload.sub) ?? clientId,
    scopes,
    plants: strings(payload['mw_plants'], /[ ,]+/),
    roles: strings(payload['mw_roles'] ?? payload['roles'], / +/),
    purposes: strings(payload['mw_purposes'], / +/),
    tokenId: text(payload.jti),
  };
}
