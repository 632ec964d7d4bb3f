import { createServer } from 'node:net';
import { Controller, Get, INestApplication, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigModule, loadConfig } from '@mw/config';
import { DatabaseModule, Db } from '@mw/database';
import { AuthModule, CurrentPrincipal, mountAuthorizationServer, Principal, Public, RequireScopes } from '@mw/auth';

/** A tiny controller exercising every decorator. */
@Controller('probe')
export class ProbeController {
  @Public()
  @Get('public')
  open(): { ok: true } {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @RequireScopes('orders:read')
  @Get('orders')
  orders(): { ok: true } {
    return { ok: true };
  }

  @RequireScopes('orders:read', 'admin')
  @Get('orders-admin')
  ordersAdmin(): { ok: true } {
    return { ok: true };
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface AuthTestApp {
  app: INestApplication;
  config: AppConfig;
  db: Db;
  baseUrl: string;
  printed: string[];
  close(): Promise<void>;
}

/**
 * The auth pieces as main.ts wires them: AuthModule in the Nest app and, in embedded mode, the
 * authorization server mounted on Express before Nest's routes. Real HTTP on a free port.
 */
export async function startAuthTestApp(databaseUrl: string, env: Record<string, string> = {}): Promise<AuthTestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, PORT: String(port), PUBLIC_URL: baseUrl, LOG_LEVEL: 'silent', ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), AuthModule.forRoot()],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const db = app.get(Db);
  const printed: string[] = [];
  if (config.oauth.issuer === undefined) {
    await mountAuthorizationServer(app, config, db, { print: (text) => printed.push(text) });
  }
  await app.listen(port, '127.0.0.1');
  return { app, config, db, baseUrl, printed, close: () => app.close() };
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function requestToken(
  baseUrl: string,
  clientId: string,
  clientSecret: string,
  options: { method?: 'basic' | 'post'; scope?: string } = {},
): Promise<TokenResponse> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (options.scope !== undefined) form.set('scope', options.scope);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if ((options.method ?? 'basic') === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);
  }
  const response = await fetch(`${baseUrl}/oauth/token`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

export async function accessToken(baseUrl: string, clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const { status, body } = await requestToken(baseUrl, clientId, clientSecret, { scope });
  if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export async function call(
  baseUrl: string,
  path: string,
  token?: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; wwwAuthenticate: string | null }> {
  const headers: Record<string, string> = { ...init.headers };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, body, wwwAuthenticate: response.headers.get('www-authenticate') };
}
