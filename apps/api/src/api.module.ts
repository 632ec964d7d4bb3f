import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule, AuditWritesInterceptor } from '@mw/audit';
import { AuthModule } from '@mw/auth';
import { AppConfig, ConfigModule } from '@mw/config';
import { DeadLettersModule } from '@mw/consumers';
import { DatabaseModule, Db } from '@mw/database';
import { EnrichedRecordsModule } from '@mw/enriched-records';
import { HealthModule, HealthRegistry } from '@mw/health';
import { RateLimitInterceptor } from '@mw/http';
import { IdempotencyInterceptor, IdempotencyModule } from '@mw/idempotency';
import { ObservabilityModule } from '@mw/observability';
import { OutboxModule, outboxHealth } from '@mw/outbox';
import { PrivacyModule } from '@mw/privacy';
import { ProductionOrdersModule } from '@mw/production-orders';
import { QualityDocumentsModule } from '@mw/quality-documents';

/**
 * The HTTP role's features: requests come in, domain services change state and write outbox rows
 * in one transaction. Nothing here talks to Kafka.
 */
@Module({
  imports: [AuthModule.forRoot(), OutboxModule, IdempotencyModule, ProductionOrdersModule, DeadLettersModule, QualityDocumentsModule, AuditModule, EnrichedRecordsModule],
  providers: [
    // Order matters: rate limiting runs before the idempotency interceptor claims a key.
    { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
    // Audits writes that never reach a commit (no/invalid Idempotency-Key, conflicts); the others
    // are audited inside their own transaction by the idempotency layer's commit step.
    { provide: APP_INTERCEPTOR, useExisting: AuditWritesInterceptor },
    { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
  ],
})
export class ApiFeaturesModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.health.register('outbox', () => outboxHealth(this.db));
  }
}

/** Infrastructure every role shares: typed config, the database, health, logs/metrics/traces. */
export function infrastructure(config: AppConfig): DynamicModule[] {
  return [
    // First, so its request-context interceptor wraps every other global interceptor.
    ObservabilityModule.forRoot(config),
    ConfigModule.forRoot(config),
    DatabaseModule.forRoot(),
    { module: HealthModule },
    // Loaded here, before Nest starts: a broken policy file stops start-up with its message.
    PrivacyModule.forRoot({ policyFile: config.privacy.policyFile }),
  ];
}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ApiModule, imports: [...infrastructure(config), ApiFeaturesModule] };
  }
}
