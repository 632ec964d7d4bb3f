import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { createTestDatabase, TestDatabase } from '@mw/testing';
import { onTokenRejected } from '@mw/auth';
import { AuthTestApp, call, startAuthTestApp } from './auth-test-app';

interface ExternalIssuer {
  issuer: string;
  client_id: string;
  client_secret: string;
}

/** Starts test/support/external-issuer.mjs as its own process and reads the line announcing it. */
function startExternalIssuer(): Promise<{ child: ChildProcess; info: ExternalIssuer }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(__dirname, '../support/external-issuer.mjs')], {
      cwd: resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`external issuer exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolvePromise({ child, info: JSON.parse(line) as ExternalIssuer }));
  });
}

async function externalToken(issuer: ExternalIssuer, params: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${issuer.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${issuer.client_id}:${issuer.client_secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...params }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || body.access_token === undefined) throw new Error(`external token failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

describe('external issuer (OAUTH_ISSUER) in a separate process', () => {
  let testDb: TestDatabase;
  let external: { child: ChildProcess; info: ExternalIssuer };
  let t: AuthTestApp;
  const rejections: string[] = [];
  let unsubscribe: () => void;

  beforeAll(async () => {
    external = await startExternalIssuer();
    testDb = await createTestDatabase('mw_auth_ext');
    t = await startAuthTestApp(testDb.url, { OAUTH_ISSUER: external.info.issuer });
    unsubscribe = onTokenRejected((reason) => rejections.push(reason));
  });

  afterAll(async () => {
    unsubscribe?.();
    await t?.close();
    await testDb?.drop();
    if (external?.child.exitCode === null) {
      external.child.removeAllListeners('exit');
      external.child.kill('SIGTERM');
    }
  });

  it('accepts the external issuer’s tokens, discovering its JWKS', async () => {
    const token = await externalToken(external.info, { scope: 'orders:read' });
    expect(decodeJwt(token)).toMatchObject({ iss: external.info.issuer, aud: 'millwright-api' });
    const me = await call(t.baseUrl, '/probe/me', token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ clientId: external.info.client_id, scopes: ['orders:read'], plants: ['P100'] });
    expect((await call(t.baseUrl, '/probe/orders', token)).status).toBe(200);
    expect((await call(t.baseUrl, '/probe/orders-admin', token)).status).toBe(403);
  });

  it('does not run the embedded authorization server', async () => {
    expect((await call(t.baseUrl, '/.well-known/openid-configuration')).status).toBe(404);
    const response = await fetch(`${t.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(404);
  });

  it('refuses embedded-style tokens: our own issuer name, or the external name with a foreign key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const sign = (issuer: string) =>
      new SignJWT({ scope: 'orders:read', client_id: 'embedded-client', mw_plants: ['*'] })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'external-es256' })
        .setIssuer(issuer)
        .setAudience('millwright-api')
        .setSubject('embedded-client')
        .setExpirationTime('5m')
        .sign(privateKey);

    const ownIssuer = await call(t.baseUrl, '/probe/me', await sign(t.config.publicUrl));
    expect(ownIssuer.status).toBe(401);
    expect(ownIssuer.wwwAuthenticate).toContain('error="invalid_token"');

    const foreignKey = await call(t.baseUrl, '/probe/me', await sign(external.info.issuer));
    expect(foreignKey.status).toBe(401);
    expect(rejections).toEqual(expect.arrayContaining(['bad_signature']));
  });

  it('refuses the external issuer’s token minted for another audience', async () => {
    const token = await externalToken(external.info, { resource: 'https://other-api.example' });
    expect(decodeJwt(token).aud).toBe('https://other-api.example');
    const response = await call(t.baseUrl, '/probe/me', token);
    expect(response.status).toBe(401);
    expect(rejections.at(-1)).toBe('wrong_audience');
  });
});
