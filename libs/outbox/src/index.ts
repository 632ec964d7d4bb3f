export { ALL_TOPICS, dlqTopic, OUTBOX_BUCKETS, TOPICS } from './topics';
export type { Topic } from './topics';
export { bucketOf, EVENT_SOURCE, toReceived } from './event-envelope';
export type { DomainEvent, EventHeaders, EventValue, ReceivedEvent } from './event-envelope';
export { OutboxWriter, requeueEvent, setTraceContextProvider } from './outbox.writer';
export { OutboxModule } from './outbox.module';
export { OutboxRelay, outboxBacklog } from './relay/outbox-relay';
export type { RelayStats } from './relay/outbox-relay';
export { RelayModule } from './relay/relay.module';
