import { createHmac } from 'node:crypto';
import { type CryptoKey, decodeJwt, decodeProtectedHeader, exportJWK, exportSPKI, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { createTestDatabase, TestDatabase } from '@mw/testing';
import { ALL_SCOPES, onTokenRejected } from '@mw/auth';
import { accessToken, AuthTestApp, call, requestToken, startAuthTestApp } from './auth-test-app';

const ADMIN_ID = 'bootstrap-admin';
const ADMIN_SECRET = 'bootstrap-secret-0123456789';

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

describe('embedded authorization server and resource server', () => {
  let testDb: TestDatabase;
  let t: AuthTestApp;
  let adminToken: string;
  const rejections: string[] = [];
  let unsubscribe: () => void;

  /** The server's own RS256 signing key, read from the database, to forge tokens that differ in one claim only. */
  async function serverKey(): Promise<{ key: CryptoKey | Uint8Array; kid: string; publicJwk: JWK }> {
    const rows = await t.db.query<{ private_jwk: JWK & { kid: string } }>(`SELECT private_jwk FROM signing_keys WHERE alg = 'RS256' AND retired_at IS NULL`);
    const jwk = rows[0]!.private_jwk;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    return { key: await importJWK(jwk, 'RS256'), kid: jwk.kid, publicJwk };
  }

  async function forge(claims: Record<string, unknown>, options: { expiresIn?: string | number; kid?: string; key?: CryptoKey | Uint8Array } = {}): Promise<string> {
    const own = await serverKey();
    const jwt = new SignJWT({ scope: 'orders:read', client_id: ADMIN_ID, mw_plants: ['*'], ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: options.kid ?? own.kid })
      .setIssuedAt()
      .setSubject(ADMIN_ID)
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : t.config.publicUrl)
      .setAudience(typeof claims.aud === 'string' ? claims.aud : t.config.oauth.audience);
    if (options.expiresIn !== undefined) jwt.setExpirationTime(options.expiresIn);
    else jwt.setExpirationTime('5m');
    return jwt.sign(options.key ?? own.key);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('mw_auth');
    t = await startAuthTestApp(testDb.url, { BOOTSTRAP_CLIENT_ID: ADMIN_ID, BOOTSTRAP_CLIENT_SECRET: ADMIN_SECRET });
    adminToken = await accessToken(t.baseUrl, ADMIN_ID, ADMIN_SECRET);
    unsubscribe = onTokenRejected((reason) => rejections.push(reason));
  });

  afterAll(async () => {
    unsubscribe?.();
    await t?.close();
    await testDb?.drop();
  });

  async function createClient(body: Record<string, unknown>): Promise<{ client_id: string; client_secret: string }> {
    const created = await call(t.baseUrl, '/v1/admin/clients', adminToken, { method: 'POST', body });
    expect(created.status).toBe(201);
    return created.body as { client_id: string; client_secret: string };
  }

  describe('bootstrap client', () => {
    it('is created from BOOTSTRAP_CLIENT_ID/SECRET with every scope and every plant, and nothing is printed', async () => {
      const me = await call(t.baseUrl, '/probe/me', adminToken);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ clientId: ADMIN_ID, subject: ADMIN_ID, plants: ['*'] });
      expect([...(me.body as { scopes: string[] }).scopes].sort()).toEqual([...ALL_SCOPES].sort());
      expect(t.printed).toEqual([]);
    });
  });

  describe('token endpoint (client credentials)', () => {
    it('issues an RS256 JWT for client_secret_basic with every scope the client holds when none is requested', async () => {
      const client = await createClient({ name: 'MES line 3', scopes: ['orders:read', 'confirmations:write'], plants: ['P100', 'P200'], roles: ['operator'], purposes: ['production'] });
      const response = await requestToken(t.baseUrl, client.client_id, client.client_secret);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: t.config.oauth.tokenTtlSeconds, scope: 'orders:read confirmations:write' });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const token = response.body.access_token as string;
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
      expect(decodeJwt(token)).toMatchObject({
        iss: t.config.publicUrl,
        aud: t.config.oauth.audience,
        sub: client.client_id,
        client_id: client.client_id,
        scope: 'orders:read confirmations:write',
        mw_plants: ['P100', 'P200'],
        mw_roles: ['operator'],
        mw_purposes: ['production'],
      });
      const me = await call(t.baseUrl, '/probe/me', token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        clientId: client.client_id,
        scopes: ['orders:read', 'confirmations:write'],
        plants: ['P100', 'P200'],
        roles: ['operator'],
        purposes: ['production'],
      });
    });

    it('accepts client_secret_post and narrows to the requested scope', async () => {
      const client = await createClient({ name: 'post client', scopes: ['orders:read', 'orders:write'], plants: ['P100'] });
      const response = await requestToken(t.baseUrl, client.client_id, client.client_secret, { method: 'post', scope: 'orders:read' });
      expect(response.status).toBe(200);
      expect(response.body.scope).toBe('orders:read');
      expect(decodeJwt(response.body.access_token as string).scope).toBe('orders:read');
    });

    it('answers invalid_scope for a scope the client lacks, known or not', async () => {
      const client = await createClient({ name: 'reader', scopes: ['orders:read'], plants: ['P100'] });
      for (const scope of ['orders:write', 'orders:read admin', 'no-such-scope']) {
        const response = await requestToken(t.baseUrl, client.client_id, client.client_secret, { scope });
        expect(response.status).toBe(400);
        expect(response.body.error).toBe('invalid_scope');
      }
    });

    it('answers invalid_client for a wrong secret, an unknown client and a disabled client', async () => {
      const client = await createClient({ name: 'soon disabled', scopes: ['orders:read'], plants: ['P100'] });
      const wrong = await requestToken(t.baseUrl, client.client_id, `${client.client_secret}x`);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_client');
      const unknown = await requestToken(t.baseUrl, 'nobody', 'whatever-secret-123', { method: 'post' });
      expect(unknown.status).toBe(401);
      expect(unknown.body.error).toBe('invalid_client');

      expect((await requestToken(t.baseUrl, client.client_id, client.client_secret)).status).toBe(200);
      const disabled = await call(t.baseUrl, `/v1/admin/clients/${client.client_id}/disable`, adminToken, { method: 'POST' });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ client_id: client.client_id, disabled: true });
      const after = await requestToken(t.baseUrl, client.client_id, client.client_secret);
      expect(after.status).toBe(401);
      expect(after.body.error).toBe('invalid_client');
    });

    it('refuses a token of a client disabled after it was issued', async () => {
      const client = await createClient({ name: 'revoked later', scopes: ['orders:read'], plants: ['P100'] });
      const token = await accessToken(t.baseUrl, client.client_id, client.client_secret);
      expect((await call(t.baseUrl, `/v1/admin/clients/${client.client_id}/disable`, adminToken, { method: 'POST' })).status).toBe(200);
      const refused = await call(t.baseUrl, '/probe/me', token);
      expect(refused.status).toBe(401);
      expect(refused.wwwAuthenticate).toContain('error="invalid_token"');
      expect(rejections).toContain('client_disabled');
    });

    it('rotating a secret stops the old one and issues a working new one', async () => {
      const client = await createClient({ name: 'rotating', scopes: ['orders:read'], plants: ['P100'] });
      const rotated = await call(t.baseUrl, `/v1/admin/clients/${client.client_id}/rotate-secret`, adminToken, { method: 'POST' });
      expect(rotated.status).toBe(200);
      const fresh = rotated.body as { client_id: string; client_secret: string };
      expect(fresh.client_id).toBe(client.client_id);
      expect(fresh.client_secret).not.toBe(client.client_secret);
      expect((await requestToken(t.baseUrl, client.client_id, client.client_secret)).status).toBe(401);
      expect((await requestToken(t.baseUrl, client.client_id, fresh.client_secret)).status).toBe(200);
    });
  });

  describe('discovery and JWKS', () => {
    it('publishes OpenID and RFC 8414 metadata naming the issuer and our endpoints', async () => {
      for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
        const response = await call(t.baseUrl, path);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          issuer: t.config.publicUrl,
          token_endpoint: `${t.config.publicUrl}/oauth/token`,
          jwks_uri: `${t.config.publicUrl}/oauth/jwks`,
          grant_types_supported: ['client_credentials'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        });
        expect((response.body as { scopes_supported: string[] }).scopes_supported).toEqual(expect.arrayContaining([...ALL_SCOPES]));
      }
    });

    it('publishes the public halves of an RS256 and an ES256 key, nothing private', async () => {
      const response = await call(t.baseUrl, '/oauth/jwks');
      expect(response.status).toBe(200);
      const keys = (response.body as { keys: Array<Record<string, unknown>> }).keys;
      expect(keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
      for (const key of keys) {
        expect(key.kid).toEqual(expect.any(String));
        for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);
      }
    });

    it('leaves other /oauth paths to Nest (no authorization endpoint, no dev interactions)', async () => {
      const response = await call(t.baseUrl, '/oauth/authorize?client_id=x&response_type=code');
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain('invalid_request');
    });
  });

  describe('resource server refusals', () => {
    async function expectInvalidToken(token: string, reason: string): Promise<void> {
      const before = rejections.length;
      const response = await call(t.baseUrl, '/probe/me', token);
      expect(response.status).toBe(401);
      expect(response.wwwAuthenticate).toMatch(/^Bearer realm="millwright", error="invalid_token", error_description="[^"]+"$/);
      expect(rejections.slice(before)).toEqual([reason]);
    }

    it('lets @Public() routes through without a token', async () => {
      expect((await call(t.baseUrl, '/probe/public')).status).toBe(200);
    });

    it('answers a missing token with a bare Bearer challenge', async () => {
      const response = await call(t.baseUrl, '/probe/me');
      expect(response.status).toBe(401);
      expect(response.wwwAuthenticate).toBe('Bearer realm="millwright"');
      expect(rejections.at(-1)).toBe('missing');
    });

    it('refuses a non-bearer Authorization header', async () => {
      const response = await call(t.baseUrl, '/probe/me', undefined, { headers: { authorization: `Basic ${base64url('a:b')}` } });
      expect(response.status).toBe(401);
      expect(response.wwwAuthenticate).toContain('error="invalid_token"');
    });

    it('refuses garbage', async () => {
      await expectInvalidToken('not-a-jwt', 'malformed');
    });

    it('refuses alg none', async () => {
      const claims = decodeJwt(await forge({}));
      await expectInvalidToken(`${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claims)}.`, 'alg_not_allowed');
    });

    it('refuses HS256 signed with the published public key', async () => {
      const own = await serverKey();
      const pem = await exportSPKI((await importJWK(own.publicJwk, 'RS256')) as CryptoKey);
      const claims = decodeJwt(await forge({}));
      for (const secret of [pem, JSON.stringify(own.publicJwk)]) {
        const input = `${base64url({ alg: 'HS256', typ: 'at+jwt', kid: own.kid })}.${base64url(claims)}`;
        const signature = createHmac('sha256', secret).update(input).digest('base64url');
        await expectInvalidToken(`${input}.${signature}`, 'alg_not_allowed');
      }
    });

    it('refuses a wrong issuer', async () => {
      await expectInvalidToken(await forge({ iss: 'https://evil.example' }), 'wrong_issuer');
    });

    it('refuses a wrong audience', async () => {
      await expectInvalidToken(await forge({ aud: 'some-other-api' }), 'wrong_audience');
    });

    it('refuses an expired token (beyond the 5 s clock tolerance)', async () => {
      await expectInvalidToken(await forge({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), 'expired');
    });

    it('refuses a token signed by another key under our kid', async () => {
      const own = await serverKey();
      const { privateKey } = await generateKeyPair('RS256');
      await expectInvalidToken(await forge({}, { key: privateKey, kid: own.kid }), 'bad_signature');
    });

    it('refuses a token signed by a key it does not know', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      const kid = `stranger-${(await exportJWK(publicKey)).x}`;
      const token = await new SignJWT({ scope: 'orders:read', client_id: ADMIN_ID })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(t.config.publicUrl)
        .setAudience(t.config.oauth.audience)
        .setSubject(ADMIN_ID)
        .setExpirationTime('5m')
        .sign(privateKey);
      await expectInvalidToken(token, 'bad_signature');
    });

    it('accepts a correctly forged control token, so the refusals above are about the one claim changed', async () => {
      expect((await call(t.baseUrl, '/probe/me', await forge({}))).status).toBe(200);
    });
  });

  describe('scopes', () => {
    it('answers 403 insufficient_scope naming the required scopes', async () => {
      const client = await createClient({ name: 'reader only', scopes: ['orders:read'], plants: ['P100'] });
      const token = await accessToken(t.baseUrl, client.client_id, client.client_secret);
      expect((await call(t.baseUrl, '/probe/orders', token)).status).toBe(200);
      const response = await call(t.baseUrl, '/probe/orders-admin', token);
      expect(response.status).toBe(403);
      expect(response.wwwAuthenticate).toBe(
        'Bearer realm="millwright", error="insufficient_scope", error_description="missing scope: admin", scope="orders:read admin"',
      );
      expect((await call(t.baseUrl, '/v1/admin/clients', token)).status).toBe(403);
    });
  });

  describe('admin API', () => {
    it('lists clients without secrets or hashes', async () => {
      const response = await call(t.baseUrl, '/v1/admin/clients', adminToken);
      expect(response.status).toBe(200);
      const clients = response.body as Array<Record<string, unknown>>;
      expect(clients.map((c) => c.client_id)).toContain(ADMIN_ID);
      const text = JSON.stringify(clients);
      expect(text).not.toContain('secret_hash');
      expect(text).not.toContain('scrypt$');
      expect(text).not.toContain('client_secret');
    });

    it('validates the body', async () => {
      const bad = await call(t.baseUrl, '/v1/admin/clients', adminToken, { method: 'POST', body: { name: 'x', scopes: ['root'], plants: ['P100'] } });
      expect(bad.status).toBe(400);
      const extra = await call(t.baseUrl, '/v1/admin/clients', adminToken, {
        method: 'POST',
        body: { name: 'x', scopes: ['orders:read'], plants: ['P100'], clientSecret: 'chosen-by-caller' },
      });
      expect(extra.status).toBe(400);
    });

    it('answers 404 for an unknown client', async () => {
      expect((await call(t.baseUrl, '/v1/admin/clients/nobody/disable', adminToken, { method: 'POST' })).status).toBe(404);
    });
  });
});
