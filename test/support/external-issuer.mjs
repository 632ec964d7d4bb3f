// A stand-alone OAuth 2.0 / OpenID provider playing the external issuer (Keycloak, Entra ID, Okta)
// in end-to-end tests. It runs in its own process, with its own keys, and knows nothing of
// Millwright's database. On start it prints one JSON line: {"issuer": "...", "client_id": ..., "client_secret": ...}.
//
//   node test/support/external-issuer.mjs [--port 0] [--audience millwright-api]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import { Provider } from 'oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    audience: { type: 'string', default: 'millwright-api' },
  },
});

const CLIENT = { client_id: 'external-client', client_secret: 'external-secret-0123456789' };
const SCOPES = ['orders:read', 'orders:write', 'admin'];
const DEFAULT_RESOURCE = 'https://api.millwright.example';

const server = createServer();
await new Promise((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'external-es256', alg: 'ES256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      ...CLIENT,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      id_token_signed_response_alg: 'ES256',
      scope: SCOPES.join(' '),
    },
  ],
  jwks: { keys: [jwk] },
  scopes: SCOPES,
  responseTypes: [],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  ttl: { ClientCredentials: 300 },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => DEFAULT_RESOURCE,
      useGrantedResource: () => true,
      // Any resource is accepted; the audience is the configured one only for the default resource,
      // so a test can obtain a well-signed token meant for another API.
      getResourceServerInfo: (_ctx, resource) => ({
        scope: SCOPES.join(' '),
        audience: resource === DEFAULT_RESOURCE ? values.audience : resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 300,
        jwt: { sign: { alg: 'ES256' } },
      }),
    },
  },
  // Like a Keycloak protocol mapper or Okta custom claim: plants as an array, scopes also as `scp`.
  extraTokenClaims: (ctx) => ({ mw_plants: ['P100'], scp: (ctx.oidc.params?.scope ?? SCOPES.join(' ')).split(' ') }),
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer, ...CLIENT })}\n`);

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
