import { HttpException } from '@nestjs/common';

export const REALM = 'millwright';

/** Why a bearer token was refused; metrics label token failures with it. */
export type TokenRejectionReason =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'alg_not_allowed'
  | 'client_disabled';

export interface AuthProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
}

/**
 * A 401 or 403 from authentication or authorisation. It carries the `WWW-Authenticate` value
 * (RFC 6750 §3) so the problem+json filter can put it on the response; the guard also sets the
 * header itself, so it is present whichever filter renders the body.
 */
export class AuthProblem extends HttpException {
  constructor(
    status: 401 | 403 | 503,
    readonly code: string,
    readonly detail: string,
    readonly wwwAuthenticate?: string,
  ) {
    const title = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Service Unavailable';
    const body: AuthProblemBody = { type: `urn:millwright:problem:${code}`, title, status, code, detail };
    super(body, status);
    this.name = 'AuthProblem';
  }
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

export function bearerChallenge(params: { error?: string; description?: string; scope?: string } = {}): string {
  const parts = [`realm=${quote(REALM)}`];
  if (params.error !== undefined) parts.push(`error=${quote(params.error)}`);
  if (params.description !== undefined) parts.push(`error_description=${quote(params.description)}`);
  if (params.scope !== undefined) parts.push(`scope=${quote(params.scope)}`);
  return `Bearer ${parts.join(', ')}`;
}

type Listener = (reason: TokenRejectionReason) => void;
const listeners = new Set<Listener>();

/** Subscribes to token rejections (for metrics); returns the unsubscribe function. */
export function onTokenRejected(listener: (reason: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function tokenRejected(reason: TokenRejectionReason, description: string): AuthProblem {
  for (const listener of listeners) {
    try {
      listener(reason);
    } catch {
      // A broken metrics listener must not turn a 401 into a 500.
    }
  }
  if (reason === 'missing') {
    return new AuthProblem(401, 'token_missing', description, bearerChallenge());
  }
  return new AuthProblem(401, `token_${reason}`, description, bearerChallenge({ error: 'invalid_token', description }));
}

export function insufficientScope(required: readonly string[], missing: readonly string[]): AuthProblem {
  const description = `missing scope: ${missing.join(' ')}`;
  return new AuthProblem(
    403,
    'insufficient_scope',
    description,
    bearerChallenge({ error: 'insufficient_scope', description, scope: required.join(' ') }),
  );
}
