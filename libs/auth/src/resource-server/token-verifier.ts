import { Inject, Injectable, Logger } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, errors, JWTVerifyGetKey, jwtVerify } from 'jose';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { Db } from '@mw/database';
import { AuthProblem, tokenRejected } from '../auth-problem';
import { SigningKeysRepository } from '../authorization-server/signing-keys.repository';
import { ClientsRepository } from '../clients/clients.repository';
import { LruCache } from '../lru-cache';
import type { Principal } from '../principal';
import { principalFromClaims } from './claims';

const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 5;
const TOKEN_CACHE_SIZE = 10_000;
/** How long a client's disabled flag is trusted; a disabled client's tokens stop working within this. */
const CLIENT_STATE_TTL_MS = 5_000;
/** An unknown `kid` reloads the local key set at most this often (rotation, another replica's keys). */
const KEY_RELOAD_INTERVAL_MS = 30_000;

interface CachedToken {
  principal: Principal;
  expiresAtMs: number;
}

/** Turns jose's verification errors into a rejection reason and a description safe to show the caller. */
function rejection(error: unknown): AuthProblem {
  if (error instanceof errors.JWTExpired) return tokenRejected('expired', 'the access token has expired');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return tokenRejected('alg_not_allowed', 'the token signing algorithm is not allowed');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return tokenRejected('bad_signature', 'the token signature is invalid');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return tokenRejected('wrong_issuer', 'the token was not issued by the trusted issuer');
    if (error.claim === 'aud') return tokenRejected('wrong_audience', 'the token is not meant for this API');
    if (error.claim === 'nbf' || error.claim === 'iat') return tokenRejected('not_yet_valid', 'the token is not valid yet');
  }
  return tokenRejected('malformed', 'the access token is malformed');
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError;
}

/**
 * Verifies bearer JWTs: signature against the issuer's keys (RS256/ES256 only), issuer, audience,
 * expiry. Embedded mode reads the key set straight from the database; external mode discovers the
 * issuer's `jwks_uri` and lets jose cache and refresh it. Verified tokens are cached until they
 * expire, since the same token is typically presented many times.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger('Auth');
  private readonly issuer: string;
  private readonly audience: string;
  readonly mode: 'embedded' | 'external';
  private readonly tokens = new LruCache<string, CachedToken>(TOKEN_CACHE_SIZE);
  private readonly clientStates = new LruCache<string, { active: boolean; untilMs: number }>(TOKEN_CACHE_SIZE);
  private readonly clients: ClientsRepository;
  private readonly signingKeys: SigningKeysRepository;
  private keySet?: Promise<JWTVerifyGetKey>;
  private keysLoadedAtMs = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, db: Db) {
    this.mode = config.oauth.issuer === undefined ? 'embedded' : 'external';
    this.issuer = config.oauth.issuer ?? config.publicUrl;
    this.audience = config.oauth.audience;
    this.clients = new ClientsRepository(db);
    this.signingKeys = new SigningKeysRepository(db);
  }

  /** Resolves to the caller, or rejects with a 401 `AuthProblem`. */
  async verify(token: string): Promise<Principal> {
    const cached = this.tokens.get(token);
    let principal: Principal;
    if (cached !== undefined && cached.expiresAtMs > Date.now()) {
      principal = cached.principal;
    } else {
      if (cached !== undefined) this.tokens.delete(token);
      const verified = await this.verifySignedToken(token);
      principal = verified.principal;
      this.tokens.set(token, verified);
    }
    if (this.mode === 'embedded' && !(await this.clientActive(principal.clientId))) {
      throw tokenRejected('client_disabled', 'the client has been disabled');
    }
    return principal;
  }

  private async verifySignedToken(token: string): Promise<CachedToken> {
    let payload;
    try {
      ({ payload } = await this.verifyWithReload(token));
    } catch (error) {
      if (this.mode === 'external' && isFetchFailure(error)) {
        this.logger.error(`cannot fetch the issuer's signing keys: ${String(error)}`);
        throw new AuthProblem(503, 'issuer_unavailable', 'the token issuer cannot be reached to check the token');
      }
      throw rejection(error);
    }
    const principal = principalFromClaims(payload);
    if (principal === undefined || payload.exp === undefined) throw tokenRejected('malformed', 'the access token lacks required claims');
    return { principal, expiresAtMs: payload.exp * 1000 };
  }

  private async verifyWithReload(token: string) {
    const options = { algorithms: ALGORITHMS, issuer: this.issuer, audience: this.audience, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp'] };
    try {
      return await jwtVerify(token, await this.keys(), options);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || this.mode !== 'embedded') throw error;
      if (Date.now() - this.keysLoadedAtMs < KEY_RELOAD_INTERVAL_MS) throw error;
      this.keySet = undefined;
      return jwtVerify(token, await this.keys(), options);
    }
  }

  private keys(): Promise<JWTVerifyGetKey> {
    if (this.keySet === undefined) {
      this.keySet = this.loadKeys();
      // A failed load (database or issuer down) must be retried on the next request, not remembered.
      this.keySet.catch(() => {
        this.keySet = undefined;
      });
    }
    return this.keySet;
  }

  private async loadKeys(): Promise<JWTVerifyGetKey> {
    this.keysLoadedAtMs = Date.now();
    if (this.mode === 'embedded') {
      await this.signingKeys.ensure();
      return createLocalJWKSet({ keys: await this.signingKeys.verificationKeys() });
    }
    const jwksUri = this.config.oauth.jwksUri ?? (await this.discoverJwksUri());
    return createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: KEY_RELOAD_INTERVAL_MS, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  }

  /** OpenID discovery first (Keycloak, Entra ID, Okta), then RFC 8414 metadata. */
  private async discoverJwksUri(): Promise<string> {
    const base = this.issuer.replace(/\/$/, '');
    const problems: string[] = [];
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      try {
        const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
        if (!response.ok) {
          problems.push(`${path}: HTTP ${response.status}`);
          continue;
        }
        const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
        if (metadata.issuer !== this.issuer) {
          throw new Error(`${path} names issuer ${String(metadata.issuer)}, expected ${this.issuer}`);
        }
        if (typeof metadata.jwks_uri !== 'string') throw new Error(`${path} has no jwks_uri`);
        return metadata.jwks_uri;
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new errors.JWKSInvalid(`issuer discovery failed: ${problems.join('; ')}`);
  }

  private async clientActive(clientId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.clientStates.get(clientId);
    if (cached !== undefined && cached.untilMs > now) return cached.active;
    const disabled = await this.clients.isDisabled(clientId);
    const active = disabled === false;
    this.clientStates.set(clientId, { active, untilMs: now + CLIENT_STATE_TTL_MS });
    return active;
  }
}
