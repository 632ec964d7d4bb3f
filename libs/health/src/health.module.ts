import { Global, Module, OnModuleInit } from '@nestjs/common';
import { Db } from '@mw/database';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';

@Global()
@Module({ controllers: [HealthController], providers: [HealthRegistry], exports: [HealthRegistry] })
export class HealthModule implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      const started = Date.now();
      await this.db.query('SELECT 1');
      return { status: 'up', kind: this.db.kind, latencyMs: Date.now() - started, pool: this.db.poolStats() };
    });
  }
}
