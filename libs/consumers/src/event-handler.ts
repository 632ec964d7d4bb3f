import { DiscoveryService } from '@nestjs/core';
import type { Queryable } from '@mw/database';
import type { ReceivedEvent } from '@mw/outbox';

/**
 * A consumer of domain events. `handle` runs inside the transaction that also records the event id
 * in the inbox, so its effect and the dedup record commit together: at-least-once delivery, exactly-once effect.
 */
export interface EventHandler {
  /** Stable name: inbox key and the suffix of the Kafka consumer group. Never rename a deployed one. */
  readonly name: string;
  readonly topics: readonly string[];
  handle(event: ReceivedEvent, q: Queryable): Promise<void>;
}

/**
 * Marks a provider as an event handler. A feature module only lists it among its providers: the
 * consumer runner finds every marked provider at start-up and subscribes it.
 */
export const ConsumesEvents = DiscoveryService.createDecorator<void>();

/** Thrown for events that can never succeed (bad schema): skip retries, dead-letter at once. */
export class PoisonEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonEventError';
  }
}
