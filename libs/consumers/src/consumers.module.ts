import { Global, Module } from '@nestjs/common';
import { ConsumerRunner } from './consumer.runner';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { HandlerRegistry } from './handler.registry';

/** Worker side: the registry handlers join and the runner that consumes for them. */
@Global()
@Module({
  providers: [HandlerRegistry, ConsumerRunner, DeadLettersRepository],
  exports: [HandlerRegistry, ConsumerRunner, DeadLettersRepository],
})
export class ConsumersModule {}

/** API side: admin endpoints to inspect and replay dead letters. */
@Module({
  controllers: [DeadLettersController],
  providers: [DeadLettersService, DeadLettersRepository],
  exports: [DeadLettersRepository],
})
export class DeadLettersModule {}
