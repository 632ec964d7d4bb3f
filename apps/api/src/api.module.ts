import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '@mw/auth';
import { AppConfig, ConfigModule } from '@mw/config';
import { DatabaseModule } from '@mw/database';
import { HealthModule } from '@mw/health';
import { RateLimitInterceptor } from '@mw/http';
import { IdempotencyInterceptor, IdempotencyModule } from '@mw/idempotency';
import { OutboxModule } from '@mw/outbox';
import { ProductionOrdersModule } from '@mw/production-orders';

/**
 * The HTTP role: requests come in, domain services change state and write outbox rows in one
 * transaction. Nothing here talks to Kafka.
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        HealthModule,
        AuthModule.forRoot(),
        OutboxModule,
        IdempotencyModule,
        ProductionOrdersModule,
      ],
      // Order matters: rate limiting runs before the idempotency interceptor claims a key.
      providers: [
        { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
