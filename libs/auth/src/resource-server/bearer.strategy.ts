import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import type { Request } from 'express';
import { tokenRejected } from '../auth-problem';
import type { Principal } from '../principal';
import { TokenVerifier } from './token-verifier';

export const BEARER_STRATEGY = 'mw-bearer';

type Verify = (authorization: string | undefined, done: (error: unknown, user?: unknown) => void) => void;

/**
 * Takes the token from the Authorization header only: RFC 6750 also allows a query parameter and a
 * form field, but those end up in access logs and browser history.
 */
class AuthorizationHeaderStrategy extends passport.Strategy {
  override name = BEARER_STRATEGY;
  constructor(private readonly verifyHeader: Verify) {
    super();
  }

  override authenticate(req: Request): void {
    this.verifyHeader(req.headers.authorization, (error, user) => {
      if (error) this.error(error);
      else this.success(user as Express.User);
    });
  }
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Header → Principal; every failure is a 401 AuthProblem with its reason. */
export function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw tokenRejected('missing', 'a bearer access token is required');
  }
  const match = BEARER.exec(authorization);
  if (match?.[1] === undefined) throw tokenRejected('malformed', 'the Authorization header is not a bearer token');
  return match[1];
}

/** Each strategy gets its own passport instance, so two apps in one process (tests) do not share one. */
const authenticators = new WeakMap<object, passport.Authenticator>();

@Injectable()
export class BearerStrategy extends PassportStrategy(AuthorizationHeaderStrategy, BEARER_STRATEGY) {
  constructor(private readonly verifier: TokenVerifier) {
    super();
  }

  async validate(authorization: string | undefined): Promise<Principal> {
    return this.verifier.verify(bearerToken(authorization));
  }

  getPassportInstance(): passport.Authenticator {
    let authenticator = authenticators.get(this);
    if (authenticator === undefined) {
      authenticator = new passport.Authenticator();
      authenticators.set(this, authenticator);
    }
    return authenticator;
  }
}
