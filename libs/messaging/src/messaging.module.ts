import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { InProcessMessageBus } from './in-process.bus';
import { KafkaMessageBus } from './kafka.bus';
import { MessageBus } from './message-bus';

@Injectable()
class BusLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MessageBus) private readonly bus: MessageBus) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

/** Chooses the adapter: Kafka when KAFKA_BROKERS is set, in-process delivery otherwise. */
@Global()
@Module({
  providers: [
    {
      provide: MessageBus,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MessageBus => {
        if (config.kafka.brokers.length === 0) return new InProcessMessageBus();
        const logger = new Logger('Kafka');
        return new KafkaMessageBus({
          brokers: config.kafka.brokers,
          clientId: config.kafka.clientId,
          partitions: config.kafka.partitions,
          replicationFactor: config.kafka.replicationFactor,
          partitionsAtOnce: config.consumers.partitionsAtOnce,
          topicPrefix: config.kafka.topicPrefix,
          onLog: (level, message, extra) => (level === 'error' ? logger.error({ ...extra }, message) : level === 'warn' ? logger.warn({ ...extra }, message) : logger.log(message)),
        });
      },
    },
    BusLifecycle,
  ],
  exports: [MessageBus],
})
export class MessagingModule {}
