import { createHash } from 'node:crypto';
import { OUTBOX_BUCKETS } from './topics';

/**
 * CloudEvents 1.0 attributes travel as Kafka headers (binary content mode, `ce_` prefix); the value
 * is JSON `{schemaVersion, data}`. The key is the aggregate id, so one order's events share a partition.
 */
export interface DomainEvent<T = unknown> {
  /** e.g. com.millwright.production-order.released.v1 */
  type: string;
  topic: string;
  /** Aggregate id: Kafka message key and ordering unit. */
  key: string;
  /** CloudEvents subject, e.g. production-orders/<id> */
  subject: string;
  data: T;
  schemaVersion?: number;
}

export interface EventHeaders {
  ce_specversion: '1.0';
  ce_id: string;
  ce_type: string;
  ce_source: string;
  ce_time: string;
  ce_subject: string;
  ce_datacontenttype: 'application/json';
  traceparent?: string;
  tracestate?: string;
  [name: string]: string | undefined;
}

export interface EventValue<T = unknown> {
  schemaVersion: number;
  data: T;
}

/** The event as a consumer sees it, whichever transport carried it. */
export interface ReceivedEvent<T = unknown> {
  id: string;
  type: string;
  topic: string;
  key: string;
  subject: string;
  time: string;
  headers: EventHeaders;
  schemaVersion: number;
  data: T;
  /** Transport position, when there is one (Kafka partition/offset). */
  position?: { partition: number; offset: string };
}

export const EVENT_SOURCE = '/millwright';

export function bucketOf(key: string): number {
  return createHash('sha1').update(key).digest().readUInt16BE(0) % OUTBOX_BUCKETS;
}

export function toReceived<T>(topic: string, key: string, headers: EventHeaders, value: EventValue<T>, position?: ReceivedEvent['position']): ReceivedEvent<T> {
  return {
    id: headers.ce_id,
    type: headers.ce_type,
    topic,
    key,
    subject: headers.ce_subject,
    time: headers.ce_time,
    headers,
    schemaVersion: value.schemaVersion,
    data: value.data,
    ...(position ? { position } : {}),
  };
}
