import { DynamicModule, Global, Injectable, Logger, Module, OnApplicationBootstrap, Type } from '@nestjs/common';
import { APP_INTERCEPTOR, ModuleRef } from '@nestjs/core';
import { onTokenRejected } from '@mw/auth';
import type { AppConfig } from '@mw/config';
import { ConsumerRunner, DeadLettersRepository } from '@mw/consumers';
import { Db } from '@mw/database';
import { InferenceService } from '@mw/extraction';
import { DocumentReviewsService } from '@mw/quality-documents';
import { onIdempotentReplay } from '@mw/idempotency';
import { MessageBus } from '@mw/messaging';
import { OutboxRelay, outboxBacklog } from '@mw/outbox';
import { RequestContextInterceptor } from './http/request-context.interceptor';
import { Metrics } from './metrics/metrics';
import { Observability, observability } from './observability';

export const OBSERVABILITY = Symbol('OBSERVABILITY');

// The auth and idempotency hooks are process-wide lists; one subscription per process is enough.
let processHooksInstalled = false;

/**
 * Connects the metrics to whatever this process runs: the database and outbox everywhere, the
 * relay, consumers and bus in the worker role, the inference runtime in the api role. Providers
 * are looked up by type and skipped when the role does not have them.
 */
@Injectable()
class MetricsWiring implements OnApplicationBootstrap {
  private readonly logger = new Logger('Observability');

  constructor(
    private readonly refs: ModuleRef,
    private readonly metrics: Metrics,
  ) {}

  private find<T>(type: Type<T> | (abstract new (...args: never[]) => T)): T | undefined {
    try {
      return this.refs.get(type as Type<T>, { strict: false });
    } catch {
      return undefined;
    }
  }

  onApplicationBootstrap(): void {
    const m = this.metrics;
    if (!processHooksInstalled) {
      processHooksInstalled = true;
      onTokenRejected((reason) => m.tokenRejections.inc({ reason }));
      onIdempotentReplay(() => m.idempotentReplays.inc());
    }
    const db = this.find(Db);
    if (db) {
      const deadLetters = this.find(DeadLettersRepository) ?? new DeadLettersRepository(db);
      m.bindSources({ outboxBacklog: () => outboxBacklog(db), deadLettersPending: () => deadLetters.pendingCount(), dbPool: () => db.poolStats() });
    }
    const bus = this.find(MessageBus);
    if (bus) m.bindSources({ consumerLag: () => bus.lag() });
    const relay = this.find(OutboxRelay);
    relay?.onPublished((count, ms) => {
      m.relayPublished.inc(count);
      m.relayBatchDuration.observe(ms / 1000);
    });
    relay?.onFailure(() => m.relayPublishErrors.inc());
    this.find(ConsumerRunner)?.onOutcome((consumer, outcome) => m.consumerEvents.inc({ consumer, outcome }));
    const inference = this.find(InferenceService);
    if (inference) {
      m.bindSources({ inferenceQueueDepth: () => inference.queueDepth });
      inference.onBatch((size, ms) => {
        m.inferenceBatchSize.observe(size);
        m.inferenceLatency.observe({ model_version: inference.modelVersion ?? 'unknown' }, ms / 1000);
      });
    }
    // Reviews are the model's precision and recall in production: confirmed / (confirmed + corrected + removed), and so on.
    const reviews = this.find(DocumentReviewsService);
    reviews?.onReview(({ kind, modelVersion, changes }) => {
      for (const change of ['confirmed', 'corrected', 'removed', 'added'] as const) {
        if (changes[change] > 0) m.reviewedFields.inc({ kind, model_version: modelVersion, change }, changes[change]);
      }
    });
    const wired = [db && 'database', bus && 'bus', relay && 'relay', inference && 'inference', reviews && 'reviews'].filter(Boolean).join(', ');
    this.logger.debug(`metrics wired: ${wired || 'http only'}`);
  }
}

/** Global: the metrics registry and the process' observability, plus the request-context interceptor. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig): DynamicModule {
    const obs = observability(config);
    return {
      module: ObservabilityModule,
      providers: [
        { provide: OBSERVABILITY, useValue: obs satisfies Observability },
        { provide: Metrics, useValue: obs.metrics },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        MetricsWiring,
      ],
      exports: [OBSERVABILITY, Metrics],
    };
  }
}
