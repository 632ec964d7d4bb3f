export { ConsumersModule, DeadLettersModule } from './consumers.module';
export { ConsumerRunner } from './consumer.runner';
export type { ConsumeOutcome } from './consumer.runner';
export { ConsumesEvents, PoisonEventError } from './event-handler';
export type { EventHandler } from './event-handler';
export { DeadLettersRepository } from './dead-letters.repository';
