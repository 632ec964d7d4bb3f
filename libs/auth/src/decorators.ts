import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';

export const IS_PUBLIC = 'mw:auth:public';
export const REQUIRED_SCOPES = 'mw:auth:scopes';

/** Lets a route through without a token (health, discovery, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Every listed scope is required; on a class and a handler, the two lists add up. */
export const RequireScopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

/** The authenticated caller; undefined only on `@Public()` routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined => ctx.switchToHttp().getRequest<{ user?: Principal }>().user,
);
