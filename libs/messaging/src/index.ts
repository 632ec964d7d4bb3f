export { MessageBus } from './message-bus';
export type { ConsumerLag, IncomingMessage, MessageHandler, OutgoingMessage, Subscription } from './message-bus';
export { InProcessMessageBus } from './in-process.bus';
export { KafkaMessageBus } from './kafka.bus';
export type { KafkaBusOptions } from './kafka.bus';
export { MessagingModule } from './messaging.module';
