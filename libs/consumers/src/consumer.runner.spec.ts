import { Global, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, loadConfig } from '@mw/config';
import { createDataSource, createDb, Db } from '@mw/database';
import { InProcessMessageBus, MessageBus, Subscription } from '@mw/messaging';
import { TEST_PG_ADMIN_URL } from '@mw/testing';
import { ConsumerRunner } from './consumer.runner';
import { ConsumersModule } from './consumers.module';
import { ConsumesEvents, type EventHandler } from './event-handler';

/** A handler class, as a feature module would declare one. */
function handlerNamed(name: string, topics: string[]): new () => EventHandler {
  @Injectable()
  @ConsumesEvents()
  class Handler implements EventHandler {
    readonly name = name;
    readonly topics = topics;
    async handle(): Promise<void> {}
  }
  return Handler;
}

const OrdersProjection = handlerNamed('orders-projection', ['erp.production-orders.v1']);
const ClaimsProjection = handlerNamed('claims-projection', ['claims.documents.v1', 'quality.inspections.v1']);
/** A second handler under a name already taken: its inbox rows and consumer group would be shared. */
const SameNameProjection = handlerNamed('orders-projection', ['erp.production-orders.v1']);

/** Not marked: a provider that happens to look like a handler is not subscribed. */
@Injectable()
class Unmarked {
  readonly name = 'unmarked';
  readonly topics = ['erp.production-orders.v1'];
}

@Module({ providers: [OrdersProjection, Unmarked] })
class OrdersWorkerModule {}

@Module({ providers: [ClaimsProjection] })
class ClaimsWorkerModule {}

@Module({ providers: [SameNameProjection] })
class SameNameWorkerModule {}

class RecordingBus extends InProcessMessageBus {
  readonly subscribed: Subscription[] = [];
  override async subscribe(subscription: Subscription): Promise<void> {
    this.subscribed.push(subscription);
    await super.subscribe(subscription);
  }
}

/** Handlers join by being provided, in any module, with @ConsumesEvents(): their modules hold no registration code. */
describe('ConsumerRunner finds its handlers', () => {
  let dataSource: DataSource;
  let db: Db;

  beforeAll(async () => {
    dataSource = createDataSource({ url: TEST_PG_ADMIN_URL, dataDir: '', poolSize: 1, statementTimeoutMs: 5000 });
    await dataSource.initialize();
    db = await createDb(dataSource);
  });
  afterAll(() => dataSource.destroy());

  async function startRunner(...features: (new () => unknown)[]): Promise<RecordingBus> {
    const bus = new RecordingBus();
    @Global()
    @Module({
      providers: [
        { provide: Db, useValue: db },
        { provide: MessageBus, useValue: bus },
        { provide: APP_CONFIG, useValue: loadConfig({ DATABASE_URL: TEST_PG_ADMIN_URL, LOG_LEVEL: 'silent', KAFKA_CONSUMER_GROUP: 'mw-test' }) },
      ],
      exports: [Db, MessageBus, APP_CONFIG],
    })
    class Infrastructure {}
    const moduleRef = await Test.createTestingModule({ imports: [Infrastructure, ConsumersModule, ...features] }).compile();
    try {
      await moduleRef.get(ConsumerRunner).start();
    } finally {
      await moduleRef.close();
    }
    return bus;
  }

  it('subscribes every marked provider of every module, one consumer group each', async () => {
    const bus = await startRunner(OrdersWorkerModule, ClaimsWorkerModule);
    const byGroup = Object.fromEntries(bus.subscribed.map((s) => [s.group, s.topics]));
    expect(byGroup).toEqual({
      'mw-test.orders-projection': ['erp.production-orders.v1'],
      'mw-test.claims-projection': ['claims.documents.v1', 'quality.inspections.v1'],
    });
  });

  it('refuses two handlers under one name', async () => {
    await expect(startRunner(OrdersWorkerModule, SameNameWorkerModule)).rejects.toThrow('event handler "orders-projection" is provided twice');
  });
});
