import { ConsumerLag, IncomingMessage, MessageBus, OutgoingMessage, Subscription } from './message-bus';

/**
 * Single-machine mode: publishing hands each message straight to every subscribed group's handler
 * and waits for it, so the relay only marks an outbox row sent after the handlers ran. Same inbox
 * dedup, retries and dead letters as with Kafka, minus the broker.
 */
export class InProcessMessageBus extends MessageBus {
  readonly kind = 'in-process' as const;
  private readonly subscriptions: Subscription[] = [];

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async ensureTopics(): Promise<void> {}

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      const incoming: IncomingMessage = { ...message };
      const interested = this.subscriptions.filter((s) => s.topics.includes(message.topic));
      // Groups are independent consumers; run them side by side like separate Kafka groups would.
      await Promise.all(interested.map((s) => s.handler(incoming)));
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
  }

  async lag(): Promise<ConsumerLag[]> {
    return [];
  }

  async healthy(): Promise<boolean> {
    return true;
  }
}
