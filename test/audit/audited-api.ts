import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ApiFeaturesModule, infrastructure } from '@apps/api';
import { apiHttpOptions } from '@apps/api-setup';
import { AuditModule, AuditTrail, AuditWritesInterceptor } from '@mw/audit';
import { AppConfig, loadConfig } from '@mw/config';
import type { Queryable } from '@mw/database';
import { configureHttpApp } from '@mw/http';
import { OutboxWriter } from '@mw/outbox';
import { freePort } from '@mw/testing';

/**
 * The API role with the audit module wired as docs/audit.md tells the lead to: AuditModule imported
 * and AuditWritesInterceptor registered as the first global interceptor (declared on the root
 * module, whose providers Nest applies before those of imported modules).
 */
@Module({})
export class AuditedApiModule {
  static forRoot(config: AppConfig, interceptor = true): DynamicModule {
    return {
      module: AuditedApiModule,
      imports: [...infrastructure(config), AuditModule, ApiFeaturesModule],
      providers: interceptor ? [{ provide: APP_INTERCEPTOR, useExisting: AuditWritesInterceptor }] : [],
    };
  }
}

/**
 * Bench only: appends one audit entry per domain event inside the service's own transaction, by
 * decorating the outbox writer every order write already calls there. Costs what the planned
 * explicit `AuditTrail.append(q, …)` calls in the services will cost.
 */
function auditingOutboxWriter(trail: AuditTrail): OutboxWriter {
  const writer = new OutboxWriter();
  const enqueue = writer.enqueue.bind(writer);
  writer.enqueue = async (q: Queryable, events) => {
    const ids = await enqueue(q, events);
    for (const e of events) {
      await trail.append(q, { action: `production-order.${e.type.split('.').slice(-2)[0] ?? 'change'}`, resource: e.subject, outcome: 'success', clientId: 'bench', changes: e.data });
    }
    return ids;
  };
  return writer;
}

export interface AuditedApi {
  url: string;
  app: NestExpressApplication;
  close(): Promise<void>;
}

export interface AuditedApiOptions {
  /** Register AuditWritesInterceptor (default true). */
  interceptor?: boolean;
  /** Bench only: also append in the order's own transaction. */
  inTransaction?: boolean;
}

/** Runs it in this process on a free port, the way runHttpProcess does. */
export async function startAuditedApi(env: Record<string, string>, opts: AuditedApiOptions = {}): Promise<AuditedApi> {
  const port = await freePort();
  // AuditModule reads its AUDIT_* settings from the process environment.
  for (const [k, v] of Object.entries(env)) if (k.startsWith('AUDIT_')) process.env[k] = v;
  const config = loadConfig({ HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }, ['api']);
  let builder = Test.createTestingModule({ imports: [AuditedApiModule.forRoot(config, opts.interceptor ?? true)] });
  if (opts.inTransaction) builder = builder.overrideProvider(OutboxWriter).useFactory({ factory: auditingOutboxWriter, inject: [AuditTrail] });
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  await configureHttpApp(app, config, apiHttpOptions(config));
  await app.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}
