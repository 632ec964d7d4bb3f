import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiFeaturesModule, infrastructure } from '@apps/api';
import { apiHttpOptions } from '@apps/api-setup';
import { AuditModule, AuditWritesInterceptor } from '@mw/audit';
import { AppConfig, loadConfig } from '@mw/config';
import { configureHttpApp } from '@mw/http';
import { freePort } from '@mw/testing';

/**
 * The API role with the audit module wired as docs/audit.md tells the lead to: AuditModule imported
 * and AuditWritesInterceptor registered as the first global interceptor (declared on the root
 * module, whose providers Nest applies before those of imported modules).
 */
@Module({})
export class AuditedApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuditedApiModule,
      imports: [...infrastructure(config), AuditModule, ApiFeaturesModule],
      providers: [{ provide: APP_INTERCEPTOR, useExisting: AuditWritesInterceptor }],
    };
  }
}

export interface AuditedApi {
  url: string;
  app: NestExpressApplication;
  close(): Promise<void>;
}

/** Runs it in this process on a free port, the way runHttpProcess does. */
export async function startAuditedApi(env: Record<string, string>): Promise<AuditedApi> {
  const port = await freePort();
  // AuditModule reads its AUDIT_* settings from the process environment.
  for (const [k, v] of Object.entries(env)) if (k.startsWith('AUDIT_')) process.env[k] = v;
  const config = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }, ['api']);
  const app = await NestFactory.create<NestExpressApplication>(AuditedApiModule.forRoot(config), { bodyParser: false, logger: ['error', 'warn'] });
  await configureHttpApp(app, config, apiHttpOptions(config));
  await app.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}
