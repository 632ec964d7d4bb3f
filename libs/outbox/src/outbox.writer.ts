import { Injectable } from '@nestjs/common';
import { Queryable, uuidv7 } from '@mw/database';
import { bucketOf, DomainEvent, EVENT_SOURCE, EventHeaders } from './event-envelope';

type TraceContextProvider = () => { traceparent?: string; tracestate?: string };
let traceContext: TraceContextProvider = () => ({});
/** Observability installs this so events carry the request's W3C trace context. */
export function setTraceContextProvider(provider: TraceContextProvider): void {
  traceContext = provider;
}

/**
 * Writes events into the outbox inside the caller's transaction. Call it AFTER the aggregate's row
 * was written in that transaction: the row lock orders concurrent writers of one aggregate, so
 * outbox ids of one key follow commit order and the relay publishes them in order.
 */
@Injectable()
export class OutboxWriter {
  async enqueue(q: Queryable, events: DomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const now = new Date().toISOString();
    const trace = traceContext();
    const ids: string[] = [];
    const params: unknown[] = [];
    const values: string[] = [];
    for (const e of events) {
      const id = uuidv7();
      ids.push(id);
      const headers: EventHeaders = {
        ce_specversion: '1.0',
        ce_id: id,
        ce_type: e.type,
        ce_source: EVENT_SOURCE,
        ce_time: now,
        ce_subject: e.subject,
        ce_datacontenttype: 'application/json',
        ...(trace.traceparent ? { traceparent: trace.traceparent } : {}),
        ...(trace.tracestate ? { tracestate: trace.tracestate } : {}),
      };
      const n = params.length;
      values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7})`);
      params.push(id, e.topic, e.key, bucketOf(e.key), e.type, JSON.stringify({ schemaVersion: e.schemaVersion ?? 1, data: e.data }), JSON.stringify(headers));
    }
    await q.query(
      `INSERT INTO outbox (event_id, topic, message_key, bucket, event_type, payload, headers) VALUES ${values.join(', ')}`,
      params,
    );
    return ids;
  }
}

/** Puts an already-published event back in the outbox unchanged (same ce_id), e.g. to replay a dead letter. */
export async function requeueEvent(
  q: Queryable,
  event: { topic: string; key: string; type: string; headers: Record<string, string>; payload: unknown },
): Promise<string> {
  const rowId = uuidv7();
  await q.query(
    `INSERT INTO outbox (event_id, topic, message_key, bucket, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [rowId, event.topic, event.key, bucketOf(event.key), event.type, JSON.stringify(event.payload), JSON.stringify(event.headers)],
  );
  return rowId;
}
