/**
 * The messaging port. Domain code and the relay/consumers see only this; kafkajs (which gets no
 * new releases) sits behind one adapter, so another client can replace it without touching them.
 */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  /** Absent for in-process delivery. */
  partition?: number;
  offset?: string;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface Subscription {
  /** Consumer group: every group gets every message; within a group one member per partition. */
  group: string;
  topics: string[];
  handler: MessageHandler;
}

export interface ConsumerLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

export abstract class MessageBus {
  abstract readonly kind: 'kafka' | 'in-process';
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract ensureTopics(topics: string[]): Promise<void>;
  /** Resolves once every message is durably accepted (Kafka: acks=all), in the order given per key. */
  abstract publish(messages: OutgoingMessage[]): Promise<void>;
  abstract subscribe(subscription: Subscription): Promise<void>;
  abstract lag(): Promise<ConsumerLag[]>;
  abstract healthy(): Promise<boolean>;
}
