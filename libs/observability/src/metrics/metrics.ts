import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'millwright_';

/** What the scrape-time gauges read. Each is optional: a process only reports what it has. */
export interface MetricSources {
  outboxBacklog?: () => Promise<{ pending: number; oldestAgeSeconds: number }>;
  deadLettersPending?: () => Promise<number>;
  consumerLag?: () => Promise<{ group: string; topic: string; partition: number; lag: number }[]>;
  dbPool?: () => { total: number; idle: number; waiting: number };
  inferenceQueueDepth?: () => number;
}

type SlowSource = 'outbox' | 'dead_letters' | 'consumer_lag';

export interface ScrapeOptions {
  /** Scrapes within this window share one round of queries (several Prometheus replicas, retries). */
  cacheMs: number;
  /** A query slower than this is abandoned for this scrape; the gauge keeps its last value. */
  timeoutMs: number;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const INFERENCE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Every Millwright metric in one registry. Counters and histograms are fed by hooks as things
 * happen; gauges that need a query (outbox backlog, dead letters, consumer lag) are computed when
 * Prometheus scrapes, at most once per `cacheMs`, never per request.
 */
export class Metrics {
  readonly registry = new Registry();
  private sources: MetricSources = {};
  private refreshing?: Promise<void>;
  private refreshedAt = 0;

  readonly httpRequests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP request latency by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  readonly tokenRejections = new Counter({
    name: `${METRIC_PREFIX}token_rejections_total`,
    help: 'Bearer tokens refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly idempotentReplays = new Counter({
    name: `${METRIC_PREFIX}idempotent_replays_total`,
    help: 'Requests answered from the idempotency store (a retry with a known Idempotency-Key)',
    registers: [this.registry],
  });
  readonly relayPublished = new Counter({
    name: `${METRIC_PREFIX}relay_published_total`,
    help: 'Outbox events the relay published to the message bus',
    registers: [this.registry],
  });
  readonly relayPublishErrors = new Counter({
    name: `${METRIC_PREFIX}relay_publish_errors_total`,
    help: 'Relay rounds that failed (broker or database); the relay backs off and retries',
    registers: [this.registry],
  });
  readonly relayBatchDuration = new Histogram({
    name: `${METRIC_PREFIX}relay_batch_duration_seconds`,
    help: 'Time to publish one relay batch until the broker acknowledged it',
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  readonly consumerEvents = new Counter({
    name: `${METRIC_PREFIX}consumer_events_total`,
    help: 'Events handled by consumers, by consumer and outcome (applied, duplicate, dead-lettered)',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly reviewedFields = new Counter({
    name: `${METRIC_PREFIX}review_fields_total`,
    help: "Fields of reviewed documents by what the reviewer did with the model's field: confirmed, corrected, removed, or added one it missed",
    labelNames: ['kind', 'model_version', 'change'] as const,
    registers: [this.registry],
  });

  readonly inferenceBatchSize = new Histogram({
    name: `${METRIC_PREFIX}inference_batch_size`,
    help: 'Windows per inference micro-batch',
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });
  readonly inferenceLatency = new Histogram({
    name: `${METRIC_PREFIX}inference_latency_seconds`,
    help: 'Run time of one inference batch in the worker pool, by model version',
    labelNames: ['model_version'] as const,
    buckets: INFERENCE_BUCKETS,
    registers: [this.registry],
  });
  readonly sourceErrors = new Counter({
    name: `${METRIC_PREFIX}metrics_source_errors_total`,
    help: 'Scrape-time queries that failed or timed out (the gauge kept its last value)',
    labelNames: ['source'] as const,
    registers: [this.registry],
    // Rendered after this scrape's queries, so a timeout shows up in the same scrape.
    collect: () => this.refresh(),
  });

  constructor(private readonly scrape: ScrapeOptions = { cacheMs: 2000, timeoutMs: 1500 }) {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const self = this;
    const outboxPending = new Gauge({
      name: `${METRIC_PREFIX}outbox_pending`,
      help: 'Outbox events not yet published (same value from every process: take max())',
      registers: [this.registry],
      async collect() {
        await self.refresh();
      },
    });
    const outboxOldest = new Gauge({
      name: `${METRIC_PREFIX}outbox_oldest_pending_seconds`,
      help: 'Age of the oldest unpublished outbox event, 0 when none',
      registers: [this.registry],
      async collect() {
        await self.refresh();
      },
    });
    const dlqPending = new Gauge({
      name: `${METRIC_PREFIX}dlq_pending`,
      help: 'Dead letters not yet replayed',
      registers: [this.registry],
      async collect() {
        await self.refresh();
      },
    });
    const consumerLag = new Gauge({
      name: `${METRIC_PREFIX}consumer_lag`,
      help: 'Messages behind the log end, per consumer group, topic and partition (worker processes on Kafka)',
      labelNames: ['group', 'topic', 'partition'] as const,
      registers: [this.registry],
      async collect() {
        await self.refresh();
      },
    });
    this.gauges = { outboxPending, outboxOldest, dlqPending, consumerLag };
    new Gauge({
      name: `${METRIC_PREFIX}db_pool_connections`,
      help: 'Database pool connections by state (active, idle)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      // After the scrape's own queries, so they do not count themselves as busy connections.
      async collect() {
        await self.refresh();
        const stats = self.sources.dbPool?.();
        if (stats === undefined) return;
        this.set({ state: 'active' }, Math.max(0, stats.total - stats.idle));
        this.set({ state: 'idle' }, stats.idle);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}db_pool_waiting`,
      help: 'Queries waiting for a free database connection',
      registers: [this.registry],
      async collect() {
        await self.refresh();
        const stats = self.sources.dbPool?.();
        if (stats !== undefined) this.set(stats.waiting);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}inference_queue_depth`,
      help: 'Text windows waiting for an inference batch',
      registers: [this.registry],
      collect() {
        const depth = self.sources.inferenceQueueDepth?.();
        if (depth !== undefined) this.set(depth);
      },
    });
  }

  private readonly gauges: {
    outboxPending: Gauge;
    outboxOldest: Gauge;
    dlqPending: Gauge;
    consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  };

  /** Adds (or replaces) scrape-time sources; the Nest module calls it once the providers exist. */
  bindSources(sources: MetricSources): void {
    this.sources = { ...this.sources, ...sources };
    this.refreshedAt = 0;
  }

  recordHttp(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** One round of the slow queries, shared by every gauge of one scrape and by scrapes within cacheMs. */
  private refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    if (Date.now() - this.refreshedAt < this.scrape.cacheMs) return Promise.resolve();
    this.refreshing = this.query().finally(() => {
      this.refreshedAt = Date.now();
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async query(): Promise<void> {
    const { outboxBacklog, deadLettersPending, consumerLag } = this.sources;
    const g = this.gauges;
    await Promise.all([
      this.guard('outbox', outboxBacklog, (b) => {
        g.outboxPending.set(b.pending);
        g.outboxOldest.set(b.oldestAgeSeconds);
      }),
      this.guard('dead_letters', deadLettersPending, (n) => g.dlqPending.set(n)),
      this.guard('consumer_lag', consumerLag, (rows) => {
        // Partitions move between workers: report only what this process sees now.
        g.consumerLag.reset();
        for (const r of rows) g.consumerLag.set({ group: r.group, topic: r.topic, partition: String(r.partition) }, r.lag);
      }),
    ]);
  }

  private async guard<T>(source: SlowSource, read: (() => Promise<T>) | undefined, apply: (value: T) => void): Promise<void> {
    if (read === undefined) return;
    try {
      apply(await withTimeout(read(), this.scrape.timeoutMs));
    } catch {
      this.sourceErrors.inc({ source });
    }
  }
}
