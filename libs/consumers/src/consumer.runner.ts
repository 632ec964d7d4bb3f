import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { Db, isUnavailable } from '@mw/database';
import { IncomingMessage, MessageBus } from '@mw/messaging';
import { dlqTopic, EventHeaders, EventValue, ReceivedEvent, toReceived } from '@mw/outbox';
import { DeadLettersRepository } from './dead-letters.repository';
import { ConsumesEvents, EventHandler, PoisonEventError } from './event-handler';

export type ConsumeOutcome = 'applied' | 'duplicate' | 'dead-lettered';
type OutcomeListener = (handler: string, outcome: ConsumeOutcome, event: ReceivedEvent | undefined) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The OpenTelemetry API only: a no-op until the process installs an SDK (libs/observability).
const tracer = trace.getTracer('millwright.consumers');

function parse(message: IncomingMessage): { event?: ReceivedEvent; raw: unknown; error?: string } {
  let raw: unknown = message.value;
  try {
    raw = JSON.parse(message.value);
  } catch {
    return { raw, error: 'value is not JSON' };
  }
  const h = message.headers as Partial<EventHeaders>;
  const value = raw as Partial<EventValue>;
  if (!h.ce_id || !h.ce_type || typeof value !== 'object' || value === null || typeof value.schemaVersion !== 'number') {
    return { raw, error: 'not a CloudEvents message of ours (ce_id, ce_type, schemaVersion)' };
  }
  const position = message.partition !== undefined && message.offset !== undefined ? { partition: message.partition, offset: message.offset } : undefined;
  return { raw, event: toReceived(message.topic, message.key, h as EventHeaders, value as EventValue, position) };
}

/**
 * Runs every registered handler as its own consumer group. Per message: inbox dedup and effect in
 * one transaction; failures retry in place with exponential backoff and jitter (keeping the key's
 * order), and after the configured attempts the message goes to `<topic>.dlq` and the dead_letters
 * table while the partition keeps flowing. A database outage is not the message's fault: it is
 * retried without limit and never dead-lettered.
 */
@Injectable()
export class ConsumerRunner {
  private readonly logger = new Logger('Consumers');
  private readonly listeners: OutcomeListener[] = [];
  private started = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly bus: MessageBus,
    private readonly db: Db,
    private readonly deadLetters: DeadLettersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onOutcome(listener: OutcomeListener): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const handler of this.handlers()) {
      await this.bus.subscribe({
        group: `${this.config.kafka.consumerGroup}.${handler.name}`,
        topics: [...handler.topics],
        handler: (message) => this.consume(handler, message).then(() => undefined),
      });
      this.logger.log(`consumer ${handler.name} subscribed to ${handler.topics.join(', ')} (${this.bus.kind})`);
    }
  }

  /** Every provider marked @ConsumesEvents(), wherever its module sits; names must be unique (inbox keys, groups). */
  private handlers(): EventHandler[] {
    const byName = new Map<string, EventHandler>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: ConsumesEvents.KEY })) {
      const handler = wrapper.instance as EventHandler;
      if (byName.has(handler.name)) throw new Error(`event handler "${handler.name}" is provided twice`);
      byName.set(handler.name, handler);
    }
    return [...byName.values()];
  }

  /**
   * One span per handled message, a child of the traceparent the producing request left in the
   * headers, so the consumer's effect (and its log lines) join the request's trace.
   */
  async consume(handler: EventHandler, message: IncomingMessage): Promise<ConsumeOutcome> {
    const parent = propagation.extract(ROOT_CONTEXT, message.headers);
    const attributes = {
      'messaging.system': this.bus.kind,
      'messaging.operation.type': 'process',
      'messaging.destination.name': message.topic,
      'messaging.consumer.group.name': handler.name,
      ...(message.headers.ce_id ? { 'messaging.message.id': message.headers.ce_id } : {}),
      ...(message.headers.ce_type ? { 'cloudevents.event_type': message.headers.ce_type } : {}),
      ...(message.partition !== undefined ? { 'messaging.destination.partition.id': String(message.partition) } : {}),
    };
    return tracer.startActiveSpan(`process ${message.topic}`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
      try {
        const outcome = await this.consumeMessage(handler, message);
        span.setAttribute('millwright.consumer.outcome', outcome);
        if (outcome === 'dead-lettered') span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
        return outcome;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async consumeMessage(handler: EventHandler, message: IncomingMessage): Promise<ConsumeOutcome> {
    const { event, raw, error: parseError } = parse(message);
    if (event === undefined) return this.deadLetter(handler, message, undefined, raw, parseError ?? 'unparseable', 1);
    const { maxAttempts, retryBaseMs } = this.config.consumers;
    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.db.tx(async (q) => {
          const fresh = await q.query(`INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [handler.name, event.id]);
          if (fresh.length === 0) return false;
          await handler.handle(event, q);
          return true;
        });
        const outcome: ConsumeOutcome = applied ? 'applied' : 'duplicate';
        for (const l of this.listeners) l(handler.name, outcome, event);
        return outcome;
      } catch (error) {
        if (isUnavailable(error)) {
          // Let the transport redeliver after its own backoff; the attempt budget is for the event's faults.
          await sleep(Math.min(5000, retryBaseMs * 2 ** Math.min(attempt, 5)));
          throw error;
        }
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (error instanceof PoisonEventError || attempt >= maxAttempts) {
          return this.deadLetter(handler, message, event, raw, reason, attempt);
        }
        const delay = retryBaseMs * 2 ** (attempt - 1);
        this.logger.warn(`${handler.name}: attempt ${attempt}/${maxAttempts} for ${event.type} ${event.id} failed (${reason}); retrying in ~${delay} ms`);
        await sleep(delay / 2 + Math.random() * delay);
      }
    }
  }

  private async deadLetter(
    handler: EventHandler,
    message: IncomingMessage,
    event: ReceivedEvent | undefined,
    raw: unknown,
    reason: string,
    attempts: number,
  ): Promise<ConsumeOutcome> {
    const received: ReceivedEvent =
      event ??
      ({
        id: message.headers.ce_id && /^[0-9a-f-]{36}$/i.test(message.headers.ce_id) ? message.headers.ce_id : '00000000-0000-0000-0000-000000000000',
        type: message.headers.ce_type ?? 'unknown',
        topic: message.topic,
        key: message.key,
        subject: '',
        time: new Date().toISOString(),
        headers: message.headers as EventHeaders,
        schemaVersion: 0,
        data: null,
        ...(message.partition !== undefined ? { position: { partition: message.partition, offset: message.offset ?? '' } } : {}),
      } as ReceivedEvent);
    // Publish to the DLQ topic first: if that fails we throw, the offset is not committed, and the
    // message comes back, so it can never be both un-applied and forgotten.
    if (this.bus.kind === 'kafka') {
      await this.bus.publish([
        {
          topic: dlqTopic(message.topic),
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            dlq_consumer: handler.name,
            dlq_error: reason.slice(0, 500),
            dlq_attempts: String(attempts),
            dlq_original_topic: message.topic,
            dlq_original_partition: String(message.partition ?? ''),
            dlq_original_offset: String(message.offset ?? ''),
          },
        },
      ]);
    }
    await this.deadLetters.record(handler.name, received, raw, reason, attempts);
    this.logger.error(`${handler.name}: ${received.type} ${received.id} dead-lettered after ${attempts} attempt(s): ${reason}`);
    for (const l of this.listeners) l(handler.name, 'dead-lettered', event);
    return 'dead-lettered';
  }
}
