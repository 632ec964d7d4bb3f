import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AuthProblem, insufficientScope, tokenRejected } from '../auth-problem';
import { IS_PUBLIC, REQUIRED_SCOPES } from '../decorators';
import type { Principal } from '../principal';
import { BEARER_STRATEGY, BearerStrategy } from './bearer.strategy';

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`, and every scope
 * named by `@RequireScopes` on its class and handler.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: BearerStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: Principal }>();
    const response = http.getResponse<Response>();
    try {
      const principal = await this.authenticate(request, response);
      request.user = principal;
      const required = [...new Set(this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, targets))];
      const missing = required.filter((scope) => !principal.scopes.includes(scope));
      if (missing.length > 0) throw insufficientScope(required, missing);
      return true;
    } catch (error) {
      // Set here as well as carried on the exception, so the header survives any exception filter.
      if (error instanceof AuthProblem && error.wwwAuthenticate !== undefined && !response.headersSent) {
        response.setHeader('WWW-Authenticate', error.wwwAuthenticate);
      }
      throw error;
    }
  }

  private authenticate(request: Request, response: Response): Promise<Principal> {
    return new Promise((resolve, reject) => {
      const middleware = this.strategy.getPassportInstance().authenticate(
        BEARER_STRATEGY,
        { session: false },
        (error: unknown, user: Principal | false | undefined) => {
          if (error) reject(error);
          else if (user) resolve(user);
          else reject(tokenRejected('missing', 'a bearer access token is required'));
        },
      ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
      middleware(request, response, reject);
    });
  }
}
