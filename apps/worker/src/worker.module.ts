import { DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { infrastructure } from '@apps/api';
import type { AppConfig } from '@mw/config';
import { ConsumerRunner, ConsumersModule } from '@mw/consumers';
import { Db } from '@mw/database';
import { HealthRegistry } from '@mw/health';
import { IdempotencyModule, IdempotencyRepository } from '@mw/idempotency';
import { EnrichedRecordsWorkerModule } from '@mw/enriched-records';
import { MesProjectionModule } from '@mw/mes-projection';
import { QualityDocumentsWorkerModule } from '@mw/quality-documents';
import { MessageBus, MessagingModule } from '@mw/messaging';
import { ALL_TOPICS, dlqTopic, OutboxModule, OutboxRelay, outboxHealth, RelayModule } from '@mw/outbox';

/**
 * Starts the worker role once every module is initialised: topics, consumers, then the relay.
 * Stops in reverse: the relay finishes its batch and hands back its leases before the bus and the
 * database close.
 */
@Injectable()
class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private maintenance?: NodeJS.Timeout;
  private connecting?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly relay: OutboxRelay,
    private readonly runner: ConsumerRunner,
    private readonly health: HealthRegistry,
    private readonly db: Db,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register('relay', async () => {
      const backlog = await outboxHealth(this.db);
      const brokerUp = await this.bus.healthy();
      const failing = this.relay.stats.consecutiveFailures > 0;
      return {
        ...backlog,
        status: !brokerUp || failing ? 'degraded' : backlog.status,
        transport: this.bus.kind,
        broker: brokerUp ? 'up' : 'down',
        relay: { ...this.relay.stats },
      };
    });
    // Neither waits for the broker: the relay backs off until it is reachable, and consumers join
    // their groups once it is, so /health answers (degraded) during a Kafka outage at start-up.
    this.relay.start();
    this.connecting = this.startBus()
      .then(() => (this.stopping ? undefined : this.runner.start()))
      .catch((error: unknown) => this.logger.error(`consumers failed to start: ${error instanceof Error ? error.message : String(error)}`));
    this.maintenance = setInterval(() => void this.idempotency.purgeExpired().catch(() => undefined), 60_000);
    this.maintenance.unref();
    this.logger.log(`worker running (${this.bus.kind}); relay owner leases rebalance every few seconds`);
  }

  /** A broker that is down at start must not stop the worker: the relay retries and drains later. */
  private async startBus(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.bus.start();
        await this.bus.ensureTopics([...ALL_TOPICS, ...ALL_TOPICS.map(dlqTopic)]);
        return;
      } catch (error) {
        const delay = Math.min(5000, 500 * 2 ** attempt);
        this.logger.warn(`message bus not ready (${error instanceof Error ? error.message : String(error)}); retry ${attempt} in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.maintenance) clearInterval(this.maintenance);
    await this.connecting;
    await this.relay.stop();
  }
}

@Module({
  imports: [MessagingModule, OutboxModule, ConsumersModule, MesProjectionModule, EnrichedRecordsWorkerModule, QualityDocumentsWorkerModule, RelayModule, IdempotencyModule],
  providers: [WorkerLifecycle],
})
export class WorkerFeaturesModule {}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...infrastructure(config), WorkerFeaturesModule] };
  }
}
