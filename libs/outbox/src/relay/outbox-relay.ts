import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Link, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { Db } from '@mw/database';
import { MessageBus, OutgoingMessage } from '@mw/messaging';
import { RelayLeases } from './relay-leases.repository';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  /** The event as JSON text, read as text: no parse and re-serialise per message. */
  payload: string;
  headers: Record<string, string>;
}

export interface RelayStats {
  published: number;
  failures: number;
  lastError?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  buckets: number;
}

type PublishListener = (count: number, ms: number) => void;
type FailureListener = (error: unknown) => void;

const LEASE_TTL_SECONDS = 15;
// The OpenTelemetry API only: a no-op until the process installs an SDK (libs/observability).
const tracer = trace.getTracer('millwright.outbox');

/** A batch carries many requests' traces: the publish span links to each message's context. */
function linksOf(messages: OutgoingMessage[]): Link[] {
  const links: Link[] = [];
  for (const m of messages) {
    if (m.headers['traceparent'] === undefined) continue;
    const sc = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, m.headers));
    if (sc !== undefined) links.push({ context: sc, attributes: { 'messaging.message.id': m.headers['ce_id'] ?? '' } });
  }
  return links;
}
const REBALANCE_MS = 3000;

/**
 * Moves committed outbox rows to the message bus: pending rows of our leased buckets, oldest first,
 * in batches; marked sent only after the broker acknowledged (acks=all). Failures back off
 * exponentially with jitter and the API keeps accepting writes meanwhile. Sent rows are deleted
 * after the retention period.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly leases: RelayLeases;
  private running = false;
  private loop?: Promise<void>;
  private buckets: number[] = [];
  private wake?: () => void;
  private readAhead?: { buckets: number[]; rows: Promise<OutboxRow[]> };
  private marking?: { ids: string[]; done: Promise<void> };
  readonly stats: RelayStats = { published: 0, failures: 0, consecutiveFailures: 0, buckets: 0 };
  private readonly publishListeners: PublishListener[] = [];
  private readonly failureListeners: FailureListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.leases = new RelayLeases(db, this.owner, LEASE_TTL_SECONDS);
  }

  onPublished(listener: PublishListener): void {
    this.publishListeners.push(listener);
  }

  onFailure(listener: FailureListener): void {
    this.failureListeners.push(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then gives the leases back so another relay takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.leases.releaseAll().catch(() => undefined);
  }

  /** Lets the API role in the same process nudge the relay instead of waiting for the next poll. */
  nudge(): void {
    this.wake?.();
  }

  private async idle(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async run(): Promise<void> {
    let lastRebalance = 0;
    let lastCleanup = 0;
    while (this.running) {
      try {
        const now = Date.now();
        if (now - lastRebalance > REBALANCE_MS) {
          this.buckets = await this.leases.rebalance();
          this.stats.buckets = this.buckets.length;
          lastRebalance = now;
        }
        if (now - lastCleanup > 60_000) {
          await this.cleanup();
          lastCleanup = now;
        }
        const sent = this.buckets.length === 0 ? 0 : await this.relayBatch();
        this.stats.consecutiveFailures = 0;
        if (sent < this.config.outbox.batchSize) await this.idle(this.config.outbox.pollIntervalMs);
      } catch (error) {
        this.stats.failures++;
        this.stats.consecutiveFailures++;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        this.stats.lastErrorAt = new Date().toISOString();
        for (const l of this.failureListeners) l(error);
        // Capped at 10 s: each try against a dead broker already waits out kafkajs' own retries, and a
        // broker back from a restart should see the backlog within seconds, not a minute.
        const base = Math.min(10_000, 250 * 2 ** Math.min(this.stats.consecutiveFailures - 1, 6));
        const delay = base / 2 + (Math.random() * base) / 2; // jitter in the upper half of the step
        if (this.stats.consecutiveFailures <= 3 || this.stats.consecutiveFailures % 10 === 0) {
          this.logger.warn(`relay failed (${this.stats.consecutiveFailures}x): ${this.stats.lastError}; retrying in ${Math.round(delay)} ms`);
        }
        await this.idle(delay);
      }
    }
    await this.settleMarking().catch(() => undefined);
    // Let a read-ahead finish before the process closes the pool under it.
    await this.readAhead?.rows.catch(() => undefined);
    this.readAhead = undefined;
  }

  /**
   * One batch: read, publish, mark sent. Returns the number of rows sent. With a backlog (a full
   * batch) the work overlaps: the next batch is read while the broker takes this one, and this
   * batch's "sent" mark is written while the next one is published. Publishes stay one at a time,
   * in id order, so a key's events reach its partition in the order they were written.
   */
  async relayBatch(): Promise<number> {
    const rows = await this.nextRows();
    if (rows.length === 0) {
      await this.settleMarking();
      return 0;
    }
    const ids = rows.map((r) => r.id);
    const full = rows.length === this.config.outbox.batchSize;
    if (full) {
      // Leave out this batch and the previous one, whose "sent" mark may not have committed yet.
      const inFlight = [...ids, ...(this.marking?.ids ?? [])];
      const next = this.read(inFlight);
      next.catch(() => undefined); // a failed read-ahead is retried as a plain read
      this.readAhead = { buckets: this.buckets, rows: next };
    }
    try {
      await this.publish(rows);
      await this.settleMarking();
    } catch (error) {
      // The read-ahead left out rows that are still pending: read from the oldest again next time.
      this.readAhead = undefined;
      await this.settleMarking().catch(() => undefined);
      throw error;
    }
    // If we crash before the mark commits the rows are published again on restart; consumers' inboxes absorb the duplicate.
    const marking = this.db.query(`UPDATE outbox SET sent_at = clock_timestamp() WHERE id = ANY($1::bigint[])`, [ids]).then(() => undefined);
    marking.catch(() => undefined); // surfaced by settleMarking
    this.marking = { ids, done: marking };
    if (!full) await this.settleMarking();
    this.stats.published += rows.length;
    return rows.length;
  }

  /** Waits for the last batch's "sent" mark; its failure is the relay's failure (the rows go out again). */
  private async settleMarking(): Promise<void> {
    const marking = this.marking;
    this.marking = undefined;
    await marking?.done;
  }

  /** The read-ahead batch when it was read for the buckets still leased, else a fresh read. */
  private async nextRows(): Promise<OutboxRow[]> {
    const ahead = this.readAhead;
    this.readAhead = undefined;
    if (ahead !== undefined && ahead.buckets === this.buckets) {
      try {
        return await ahead.rows;
      } catch {
        // read again below
      }
    }
    return this.read(this.marking?.ids ?? []);
  }

  private read(excluded: readonly string[]): Promise<OutboxRow[]> {
    // The text cast sits outside the LIMIT: inside, PostgreSQL would render every pending row's payload before picking the batch.
    return this.db.query<OutboxRow>(
      `SELECT id, topic, message_key, payload::text AS payload, headers FROM (
         SELECT id, topic, message_key, payload, headers FROM outbox
          WHERE sent_at IS NULL AND bucket = ANY($1::smallint[]) AND id NOT IN (SELECT unnest($3::bigint[]))
          ORDER BY id LIMIT $2) batch
        ORDER BY id`,
      [this.buckets, this.config.outbox.batchSize, excluded],
    );
  }

  private async publish(rows: readonly OutboxRow[]): Promise<void> {
    const messages: OutgoingMessage[] = rows.map((r) => ({
      topic: r.topic,
      key: r.message_key,
      value: r.payload,
      headers: Object.fromEntries(Object.entries(r.headers).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    }));
    const started = Date.now();
    const span = tracer.startSpan(
      `publish ${[...new Set(messages.map((m) => m.topic))].join(',')}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': this.bus.kind, 'messaging.operation.type': 'send', 'messaging.batch.message_count': messages.length },
        links: linksOf(messages),
      },
      ROOT_CONTEXT,
    );
    try {
      await this.bus.publish(messages);
      span.end();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message.slice(0, 200) : 'publish failed' });
      span.end();
      await this.db
        .query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
          error instanceof Error ? error.message.slice(0, 500) : 'publish failed',
        ])
        .catch(() => undefined);
      throw error;
    }
    for (const l of this.publishListeners) l(rows.length, Date.now() - started);
  }

  private async cleanup(): Promise<void> {
    const hours = this.config.outbox.retentionHours;
    await this.db.query(
      `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at < now() - make_interval(hours => $1) LIMIT 10000)`,
      [hours],
    );
  }
}

/** Backlog figures for health and metrics. */
export async function outboxBacklog(db: Db): Promise<{ pending: number; oldestAgeSeconds: number }> {
  const [row] = await db.query<{ pending: string; oldest: string | null }>(
    `SELECT count(*) AS pending, extract(epoch FROM (now() - min(created_at))) AS oldest FROM outbox WHERE sent_at IS NULL`,
  );
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}

