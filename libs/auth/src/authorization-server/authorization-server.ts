import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@mw/config';
import type { Db } from '@mw/database';
import type { OidcClient, OidcContext } from 'oidc-provider';
import { CachedSecretVerifier } from '../clients/client-secret';
import { ClientsRepository } from '../clients/clients.repository';
import { ClientsService } from '../clients/clients.service';
import { ALL_SCOPES } from '../scopes';
import { createAdapterFactory } from './provider-adapter';
import { SigningKeysRepository } from './signing-keys.repository';

/** Paths handed to oidc-provider; everything else stays with Nest. RFC 8414 metadata is served from the OpenID document. */
const PROVIDER_PATHS = new Map([
  ['/oauth/token', '/oauth/token'],
  ['/oauth/jwks', '/oauth/jwks'],
  ['/.well-known/openid-configuration', '/.well-known/openid-configuration'],
  ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'],
]);

/** Access tokens are signed with RS256: verification, the hot path, is cheapest with RSA. */
const ACCESS_TOKEN_ALG = 'RS256';

interface ExpressLike {
  use(handler: (req: IncomingMessage & { path?: string; url: string }, res: ServerResponse, next: (error?: unknown) => void) => void): unknown;
}

export interface MountOptions {
  /** Where a generated bootstrap admin client's credentials are printed (once); stdout by default. */
  print?: (text: string) => void;
}

function isAbsoluteUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value);
}

function requestedScopes(ctx: OidcContext): string[] {
  const scope = ctx.oidc.params?.['scope'];
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}

/**
 * Mounts the embedded OAuth 2.0 authorization server (oidc-provider, OpenID certified) on the
 * Express instance: client credentials at POST /oauth/token (client_secret_basic and
 * client_secret_post), JWKS at /oauth/jwks, discovery under /.well-known. Call it before Nest's
 * routes, only when OAUTH_ISSUER is not set. Also makes sure signing keys and the bootstrap admin
 * client exist.
 */
export async function mountAuthorizationServer(expressApp: ExpressLike, config: AppConfig, db: Db, options: MountOptions = {}): Promise<void> {
  const logger = new Logger('AuthorizationServer');
  const clients = new ClientsRepository(db);
  const keys = await new SigningKeysRepository(db).ensure();

  const bootstrap = await ClientsService.forDb(db).ensureBootstrapClient(config.bootstrapClient);
  if (bootstrap.action === 'created_from_config') logger.log(`created bootstrap admin client ${bootstrap.clientId}`);
  if (bootstrap.action === 'created_generated') {
    const print = options.print ?? ((text: string) => process.stdout.write(text));
    print(
      [
        '',
        '== Millwright: no API clients existed, so an admin client was created. ==',
        `   client_id:     ${bootstrap.credentials.client_id}`,
        `   client_secret: ${bootstrap.credentials.client_secret}`,
        '   This secret is shown only now. Store it, then create narrower clients with it.',
        '',
        '',
      ].join('\n'),
    );
  }

  // Named exports: under the CommonJS build this becomes require(esm), whose namespace the
  // esModuleInterop helper would wrap again if we asked for `default`.
  const { Provider, errors } = await import('oidc-provider');
  const { audience, tokenTtlSeconds } = config.oauth;
  // oidc-provider needs the resource indicator to be an absolute URI; the audience may be a plain name.
  const resource = isAbsoluteUri(audience) ? audience : config.publicUrl;
  const secrets = new CachedSecretVerifier();

  const provider = new Provider(config.publicUrl, {
    adapter: createAdapterFactory(clients),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: [],
    scopes: [...ALL_SCOPES],
    claims: {},
    jwks: { keys },
    extraClientMetadata: { properties: ['mw_plants', 'mw_roles', 'mw_purposes'] },
    routes: {
      authorization: '/oauth/authorize',
      token: '/oauth/token',
      jwks: '/oauth/jwks',
      userinfo: '/oauth/userinfo',
      end_session: '/oauth/session/end',
      pushed_authorization_request: '/oauth/par',
    },
    ttl: { ClientCredentials: tokenTtlSeconds, AccessToken: tokenTtlSeconds },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx: OidcContext, indicator: string, client: OidcClient) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`unknown resource; this server issues tokens for ${resource} only`);
          const held = new Set(client.scope?.split(' ') ?? []);
          if (ctx.oidc.route === 'token') {
            // Runs before oidc-provider reads the requested scopes, which makes it the one place
            // to give a request without `scope` every scope the client holds, and to refuse
            // scopes the client lacks even when the server does not know them.
            const requested = requestedScopes(ctx);
            const lacking = requested.find((s) => !held.has(s));
            if (lacking !== undefined) throw new errors.InvalidScope('requested scope is not allowed', lacking);
            if (requested.length === 0 && ctx.oidc.params !== undefined) ctx.oidc.params['scope'] = client.scope;
          }
          return {
            scope: [...held].join(' '),
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: tokenTtlSeconds,
            jwt: { sign: { alg: ACCESS_TOKEN_ALG } },
          };
        },
      },
    },
    extraTokenClaims: (ctx: OidcContext) => {
      const client = ctx.oidc.client;
      return {
        mw_plants: client?.['mw_plants'] ?? [],
        mw_roles: client?.['mw_roles'] ?? [],
        mw_purposes: client?.['mw_purposes'] ?? [],
      };
    },
  });

  // Secrets are stored as scrypt hashes, so the plain comparison oidc-provider does is replaced
  // by a hash check; the maintainer points to this prototype method as the place for it
  // (panva/node-oidc-provider#631). The adapter puts the stored hash in `client_secret`.
  provider.Client.prototype.compareClientSecret = async function compareHashedSecret(this: OidcClient, actual: string): Promise<boolean> {
    return typeof this.clientSecret === 'string' && (await secrets.verify(this.clientId, actual, this.clientSecret));
  };

  // URLs in discovery are built from the request; pinning host and scheme to PUBLIC_URL keeps them
  // equal to the issuer whatever Host or X-Forwarded-* the request carried.
  provider.proxy = true;
  const publicUrl = new URL(config.publicUrl);
  provider.on('server_error', (_ctx: unknown, error: unknown) => logger.error(`authorization server error: ${String(error)}`));
  const handle = provider.callback();

  expressApp.use((req, res, next) => {
    const queryAt = req.url.indexOf('?');
    const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    const target = PROVIDER_PATHS.get(path);
    if (target === undefined) {
      next();
      return;
    }
    if (target !== path) req.url = target + (queryAt === -1 ? '' : req.url.slice(queryAt));
    req.headers['x-forwarded-host'] = publicUrl.host;
    req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
    handle(req, res);
  });
  logger.log(`embedded authorization server: issuer ${config.publicUrl}, token endpoint /oauth/token, audience ${audience}`);
}
