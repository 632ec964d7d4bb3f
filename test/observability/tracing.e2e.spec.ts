import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ORDER_EVENTS } from '@mw/production-orders';
import {
  ADMIN_CLIENT,
  createTestDatabase,
  eventually,
  fetchToken,
  KAFKA_BROKER,
  productionOrderBody,
  readTopic,
  ServerProcess,
  startServer,
  TestDatabase,
  uniqueTopicPrefix,
} from '@mw/testing';
import { CollectedSpan, FakeCollector, SPAN_KIND } from './otlp-collector';

/**
 * One trace from the HTTP request to the consumer's effect: the request's traceparent goes into the
 * outbox row, rides the Kafka headers (or the in-process bus), and the consumer's span is its child.
 * Spans are exported over OTLP/HTTP JSON to a collector the test runs itself.
 */
const ORDERS_TOPIC = 'erp.production-orders.v1';

function newTraceparent(): { traceparent: string; traceId: string; parentSpanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentSpanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${parentSpanId}-01`, traceId, parentSpanId };
}

async function createOrder(server: ServerProcess, token: string, traceparent: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/production-orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), traceparent },
    body: JSON.stringify(productionOrderBody()),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

function find(collector: FakeCollector, predicate: (s: CollectedSpan) => boolean): CollectedSpan | undefined {
  return collector.spans.find(predicate);
}

describe.each([
  { transport: 'in-process', kafka: false },
  { transport: 'kafka', kafka: true },
])('trace from request to consumer ($transport)', ({ kafka }) => {
  const collector = new FakeCollector();
  const prefix = uniqueTopicPrefix();
  let db: TestDatabase;
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    await collector.start();
    db = await createTestDatabase();
    server = await startServer({
      DATABASE_URL: db.url,
      BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
      BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
      OTEL_ENABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'millwright-trace-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...(kafka ? { KAFKA_BROKERS: KAFKA_BROKER, KAFKA_TOPIC_PREFIX: prefix, KAFKA_CONSUMER_GROUP: `${prefix}workers` } : {}),
    });
    token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await collector.stop();
  });

  it('the consumer span of the order event has the request trace id and descends from the server span', async () => {
    const { traceparent, traceId, parentSpanId } = newTraceparent();
    const orderId = await createOrder(server, token, traceparent);

    // The event's headers carry the request's trace, whatever transport delivers it.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    // The order's created event only: the enriched-records consumer may already have written its own event under the same key.
    const { rows } = await pg.query<{ traceparent: string }>(`SELECT headers->>'traceparent' AS traceparent FROM outbox WHERE message_key = $1 AND event_type = $2`, [
      orderId,
      ORDER_EVENTS.created,
    ]);
    await pg.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const eventParent = rows[0]?.traceparent.split('-')[2];

    const consumed = await eventually(
      async () => collector.spans.some((s) => s.kind === SPAN_KIND.CONSUMER && s.traceId === traceId && s.attributes['messaging.consumer.group.name'] === 'mes-projection'),
      30_000,
    );
    expect(consumed).toBe(true);

    const serverSpan = find(collector, (s) => s.kind === SPAN_KIND.SERVER && s.traceId === traceId);
    expect(serverSpan).toMatchObject({ name: 'POST /v1/production-orders', parentSpanId, service: 'millwright-trace-test' });
    expect(serverSpan?.attributes).toMatchObject({ 'http.route': '/v1/production-orders', 'http.response.status_code': 201 });
    // The outbox recorded the server span as the event's parent.
    expect(eventParent).toBe(serverSpan?.spanId);

    const consumerSpans = collector.spans.filter((s) => s.kind === SPAN_KIND.CONSUMER && s.traceId === traceId);
    for (const span of consumerSpans) {
      expect(span.parentSpanId).toBe(serverSpan?.spanId);
      expect(span.name).toBe(`process ${ORDERS_TOPIC}`);
      expect(span.attributes).toMatchObject({ 'messaging.system': kafka ? 'kafka' : 'in-process', 'millwright.consumer.outcome': 'applied' });
    }

    // The relay's batch span links back to the request's context.
    const linked = await eventually(async () => collector.spans.some((s) => s.kind === SPAN_KIND.PRODUCER && s.links.some((l) => l.traceId === traceId)), 10_000);
    expect(linked).toBe(true);
    expect([...collector.contentTypes].every((t) => t.startsWith('application/json'))).toBe(true);

    if (kafka) {
      const messages = await readTopic(`${prefix}${ORDERS_TOPIC}`, (m) => m.some((x) => x.key === orderId));
      const message = messages.find((x) => x.key === orderId);
      expect(message?.headers['traceparent']).toBe(rows[0]?.traceparent);
    }
  });

  it('keeps the trace through a multipart upload (parsed in a guard, outside the request context)', async () => {
    const { traceparent, traceId } = newTraceparent();
    const form = new FormData();
    form.append('plant', 'P100');
    form.append('file', new Blob(['Lot L23-118, part HX-2210 rev B, 5 pcs scratched, severity major.'], { type: 'text/plain' }), 'report.txt');
    const res = await fetch(`${server.url}/v1/inspection-reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID(), traceparent },
      body: form,
    });
    expect(res.status).toBe(201);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE headers->>'traceparent' LIKE $1`, [`00-${traceId}-%`]);
    await pg.end();
    expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it('mints a trace for a request without traceparent, and events carry it', async () => {
    const before = collector.spans.length;
    const res = await fetch(`${server.url}/v1/production-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(productionOrderBody()),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const found = await eventually(async () => collector.spans.slice(before).some((s) => s.kind === SPAN_KIND.SERVER && s.name === 'POST /v1/production-orders'), 10_000);
    expect(found).toBe(true);
    const serverSpan = collector.spans.slice(before).find((s) => s.kind === SPAN_KIND.SERVER && s.name === 'POST /v1/production-orders');
    expect(serverSpan?.parentSpanId).toBeUndefined();
    const consumed = await eventually(async () => collector.spans.some((s) => s.kind === SPAN_KIND.CONSUMER && s.traceId === serverSpan?.traceId), 30_000);
    expect(consumed).toBe(true);
    expect(id).toBeTruthy();
  });
});
