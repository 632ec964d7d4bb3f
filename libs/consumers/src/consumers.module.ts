import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConsumerRunner } from './consumer.runner';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';

/** Worker side: the runner that subscribes every @ConsumesEvents() provider and consumes for it. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [ConsumerRunner, DeadLettersRepository],
  exports: [ConsumerRunner, DeadLettersRepository],
})
export class ConsumersModule {}

/** API side: admin endpoints to inspect and replay dead letters. */
@Module({
  controllers: [DeadLettersController],
  providers: [DeadLettersService, DeadLettersRepository],
  exports: [DeadLettersRepository],
})
export class DeadLettersModule {}
