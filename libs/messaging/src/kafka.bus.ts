import { Admin, Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { ConsumerLag, MessageBus, OutgoingMessage, Subscription } from './message-bus';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions: number;
  replicationFactor: number;
  /**
   * Partitions one consumer works on at once (kafkajs partitionsConsumedConcurrently). Order holds
   * within a partition, so per key; handlers already meet concurrency across partitions, since
   * several worker replicas split a group's partitions anyway. Default 1.
   */
  partitionsAtOnce?: number;
  /** Prepended to topic names on the wire; callers always see unprefixed names. */
  topicPrefix?: string;
  onLog?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

function headersToStrings(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

/** kafkajs adapter: idempotent producer with acks=all and one request in flight, so per-partition order holds across retries. */
export class KafkaMessageBus extends MessageBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private admin?: Admin;
  private readonly consumers: { group: string; consumer: Consumer; topics: string[] }[] = [];
  private producerConnected = false;
  private readonly prefix: string;

  constructor(private readonly options: KafkaBusOptions) {
    super();
    this.prefix = options.topicPrefix ?? '';
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10_000,
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...extra } = log as { message: string } & Record<string, unknown>;
          // kafkajs warns that bounded retries may break exactly-once for an idempotent producer; the
          // relay retries the whole batch itself on a new producer (publish), so that is by design.
          const expected = message.startsWith('Limiting retries for the idempotent producer');
          const l = level === logLevel.ERROR ? 'error' : level === logLevel.WARN && !expected ? 'warn' : 'info';
          options.onLog?.(l, message, extra);
        },
    });
  }

  async start(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await this.connectProducer();
  }

  private async connectProducer(): Promise<Producer> {
    if (this.producer && this.producerConnected) return this.producer;
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      producer.on(producer.events.DISCONNECT, () => {
        if (this.producer === producer) this.producerConnected = false;
      });
      this.producer = producer;
    }
    const producer = this.producer;
    await producer.connect();
    this.producerConnected = true;
    return producer;
  }

  async stop(): Promise<void> {
    // Consumers first: they commit and leave their groups; then the producer flushes and disconnects.
    await Promise.allSettled(this.consumers.map((c) => c.consumer.disconnect()));
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.admin ?? this.kafka.admin();
    if (!this.admin) await admin.connect();
    this.admin = admin;
    const existing = new Set(await admin.listTopics());
    const missing = topics.map((t) => this.prefix + t).filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: this.options.replicationFactor })),
    });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectProducer();
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const m of messages) {
      const topic = this.prefix + m.topic;
      const list = byTopic.get(topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: m.headers });
      byTopic.set(topic, list);
    }
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    } catch (error) {
      this.options.onLog?.('warn', 'publish failed: the producer is discarded and the next publish starts a new producer session', {
        error: error instanceof Error ? error.message : String(error),
      });
      await this.discardProducer();
      throw error;
    }
  }

  /**
   * A failed send can leave the idempotent producer's sequence numbers out of step with the broker
   * (a broker SIGKILLed mid-produce answers OUT_OF_ORDER_SEQUENCE_NUMBER to every retry, forever:
   * kafkajs never resets them). The next publish starts a new producer session (new producer id,
   * sequence 0); what the broker had already taken is sent again, and consumers' inboxes drop it.
   */
  private async discardProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.producerConnected = false;
    await producer?.disconnect().catch(() => undefined);
  }

  async subscribe(subscription: Subscription): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: subscription.group,
      sessionTimeout: 15_000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    await consumer.connect();
    for (const topic of subscription.topics) await consumer.subscribe({ topic: this.prefix + topic, fromBeginning: true });
    this.consumers.push({ group: subscription.group, consumer, topics: subscription.topics });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsAtOnce ?? 1,
      autoCommit: true,
      autoCommitInterval: 500,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          // The handler retries, dead-letters and dedups itself; if it throws, the offset stays
          // unresolved and kafkajs re-delivers from here after its own backoff.
          await subscription.handler({
            topic: batch.topic.slice(this.prefix.length),
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            headers: headersToStrings(message.headers as Record<string, Buffer | string | undefined>),
          });
          resolveOffset(message.offset);
          await heartbeat();
        }
        await commitOffsetsIfNecessary();
      },
    });
  }

  async lag(): Promise<ConsumerLag[]> {
    const admin = this.admin;
    if (!admin) return [];
    const out: ConsumerLag[] = [];
    for (const { group, topics } of this.consumers) {
      for (const logical of topics) {
        const topic = this.prefix + logical;
        const [latest, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
        const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const p of latest) {
          const c = committedByPartition.get(p.partition) ?? -1;
          const high = Number(p.high);
          out.push({ group, topic: logical, partition: p.partition, lag: c < 0 ? high - Number(p.low) : Math.max(0, high - c) });
        }
      }
    }
    return out;
  }

  /** Bounded: a dead broker makes kafkajs retry for seconds, and health checks must answer at once. */
  async healthy(): Promise<boolean> {
    const admin = this.admin;
    if (!admin) return false;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000).unref());
    return Promise.race([admin.describeCluster().then(() => true, () => false), timeout]);
  }
}
