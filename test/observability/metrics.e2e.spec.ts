import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_CLIENT,
  createTestDatabase,
  eventually,
  fetchToken,
  freePort,
  KAFKA_BROKER,
  productionOrderBody,
  ServerProcess,
  startServer,
  TestDatabase,
  uniqueTopicPrefix,
} from '@mw/testing';
import { parsePrometheus, Sample, sampleValue } from './prometheus-text';

/**
 * /metrics on the built processes: the series the alert rules and dashboards use, with route
 * patterns (never raw URLs) as labels, and never reachable on the public port unless a token
 * guards it.
 */
const ALERT_METRICS = [
  'millwright_outbox_pending',
  'millwright_outbox_oldest_pending_seconds',
  'millwright_dlq_pending',
  'millwright_http_request_duration_seconds_bucket',
  'millwright_http_requests_total',
  'millwright_relay_publish_errors_total',
];

async function scrape(url: string, token?: string): Promise<Sample[]> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

describe('metrics on a dedicated port (all-in-one, in-process bus)', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let metricsUrl: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    server = await startServer({
      DATABASE_URL: db.url,
      BOOTSTRAP_CLIENT_ID: ADMIN_CLIENT.id,
      BOOTSTRAP_CLIENT_SECRET: ADMIN_CLIENT.secret,
      METRICS_PORT: String(metricsPort),
    });
    token = await fetchToken(server.url, ADMIN_CLIENT.id, ADMIN_CLIENT.secret);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('counts orders, replays, token rejections and events with bounded labels', async () => {
    const body = JSON.stringify(productionOrderBody());
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() };
    const created = await fetch(`${server.url}/v1/production-orders`, { method: 'POST', headers, body });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const replay = await fetch(`${server.url}/v1/production-orders`, { method: 'POST', headers, body });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await fetch(`${server.url}/v1/production-orders/${id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/production-orders`, { headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/production-orders`)).status).toBe(401);
    expect((await fetch(`${server.url}/no/such/${id}`)).status).toBe(404);

    // In-process, the consumer can apply the event before the relay counts it published: wait for both.
    const delivered = async (): Promise<boolean> => {
      const s = await scrape(metricsUrl);
      return (sampleValue(s, 'millwright_consumer_events_total', { consumer: 'mes-projection', outcome: 'applied' }) ?? 0) >= 1 && (sampleValue(s, 'millwright_relay_published_total') ?? 0) >= 1;
    };
    expect(await eventually(delivered)).toBe(true);
    const samples = await scrape(metricsUrl);
    const names = new Set(samples.map((s) => s.name));
    for (const name of ALERT_METRICS) expect(names, name).toContain(name);

    const post = { route: '/v1/production-orders', method: 'POST', status: '201' };
    expect(sampleValue(samples, 'millwright_http_requests_total', post)).toBe(2);
    expect(sampleValue(samples, 'millwright_http_request_duration_seconds_count', post)).toBe(2);
    expect(sampleValue(samples, 'millwright_http_request_duration_seconds_bucket', { ...post, le: '+Inf' })).toBe(2);
    expect(sampleValue(samples, 'millwright_http_requests_total', { route: '/v1/production-orders/:id', method: 'GET', status: '200' })).toBe(1);
    expect(sampleValue(samples, 'millwright_http_requests_total', { route: '/v1/production-orders', method: 'GET', status: '401' })).toBe(2);
    expect(sampleValue(samples, 'millwright_http_requests_total', { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(sampleValue(samples, 'millwright_http_requests_total', { route: '/oauth/token', method: 'POST', status: '200' })).toBe(1);
    // Raw URLs never become label values.
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes(id)))).toBe(false);

    expect(sampleValue(samples, 'millwright_idempotent_replays_total')).toBe(1);
    expect(sampleValue(samples, 'millwright_token_rejections_total', { reason: 'malformed' })).toBe(1);
    expect(sampleValue(samples, 'millwright_token_rejections_total', { reason: 'missing' })).toBe(1);

    expect(sampleValue(samples, 'millwright_relay_published_total')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'millwright_relay_publish_errors_total')).toBe(0);
    expect(sampleValue(samples, 'millwright_dlq_pending')).toBe(0);
    // Backlog gauges are cached for 2 s per scrape round: they reach 0 once the relay drained.
    expect(await eventually(async () => sampleValue(await scrape(metricsUrl), 'millwright_outbox_pending') === 0, 10_000, 500)).toBe(true);
    expect(sampleValue(await scrape(metricsUrl), 'millwright_outbox_oldest_pending_seconds')).toBe(0);
    expect(sampleValue(samples, 'millwright_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'millwright_db_pool_connections', { state: 'active' })).toBeGreaterThanOrEqual(0);
    for (const name of ['millwright_inference_queue_depth', 'millwright_inference_batch_size_count', 'millwright_db_pool_waiting', 'millwright_relay_batch_duration_seconds_count']) {
      expect(names, name).toContain(name);
    }
    // Process metrics under the same prefix.
    for (const name of ['millwright_process_cpu_seconds_total', 'millwright_process_resident_memory_bytes', 'millwright_nodejs_eventloop_lag_seconds']) {
      expect(names, name).toContain(name);
    }
  });

  it('counts inference batches per model version', async () => {
    const res = await fetch(`${server.url}/v1/extract`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'inspection', text: 'Lot L23-118, part HX-2210 rev B, 5 pcs scratched, severity major.' }),
    });
    if (res.status !== 200) {
      expect(res.status, await res.clone().text()).toBe(503);
      // No usable model in this checkout: the series still exist, at zero.
      const samples = await scrape(metricsUrl);
      expect(sampleValue(samples, 'millwright_inference_batch_size_count')).toBe(0);
      return;
    }
    const { modelVersion } = (await res.json()) as { modelVersion: string };
    const samples = await scrape(metricsUrl);
    expect(sampleValue(samples, 'millwright_inference_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'millwright_inference_latency_seconds_count', { model_version: modelVersion })).toBeGreaterThanOrEqual(1);
  });

  it("counts reviewed fields by what the reviewer did with the model's, per kind and model version", async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const text = 'Lot L23-118, part HX-2210 rev B, 5 pcs scratched, severity major.';
    const created = await fetch(`${server.url}/v1/inspection-reports`, { method: 'POST', headers: { ...headers, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ text, plant: 'P100' }) });
    expect(created.status).toBe(201);
    const doc = (await created.json()) as { id: string; extraction: { modelVersion: string; fields: { name: string; start: number; end: number }[] } };
    // Keep every model field but the first, and add one on the final full stop, where the model marks nothing.
    const [dropped, ...kept] = doc.extraction.fields;
    const fields = [...kept.map(({ name, start, end }) => ({ name, start, end })), { name: 'defect_location', start: text.length - 1, end: text.length }];
    const reviewed = await fetch(`${server.url}/v1/inspection-reports/${doc.id}/review`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': crypto.randomUUID(), 'if-match': '"0"' },
      body: JSON.stringify({ fields }),
    });
    expect(reviewed.status).toBe(200);
    const samples = await scrape(metricsUrl);
    const count = (change: string) => sampleValue(samples, 'millwright_review_fields_total', { kind: 'inspection', model_version: doc.extraction.modelVersion, change }) ?? 0;
    expect(kept.some((f) => f.end === text.length)).toBe(false);
    expect({ confirmed: count('confirmed'), corrected: count('corrected'), removed: count('removed'), added: count('added') }).toEqual({
      confirmed: kept.length,
      corrected: 0,
      removed: dropped ? 1 : 0,
      added: 1,
    });
  });

  it('is not served on the public port, and the metrics port serves nothing else', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/health/live'))).status).toBe(404);
  });
});

describe('metrics behind a token on the main port (worker process, Kafka)', () => {
  const prefix = uniqueTopicPrefix();
  const metricsToken = `scrape-${crypto.randomUUID()}`;
  let db: TestDatabase;
  let worker: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    worker = await startServer(
      { DATABASE_URL: db.url, KAFKA_BROKERS: KAFKA_BROKER, KAFKA_TOPIC_PREFIX: prefix, KAFKA_CONSUMER_GROUP: `${prefix}workers`, METRICS_TOKEN: metricsToken },
      'worker',
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await db?.drop();
  });

  it('refuses scrapes without the token', async () => {
    expect((await fetch(`${worker.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${worker.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${worker.url}/metrics`, { headers: { authorization: `Basic ${Buffer.from(`x:${metricsToken}`).toString('base64')}` } })).status).toBe(401);
  });

  it('reports consumer lag per group, topic and partition, and the relay series', async () => {
    const url = `${worker.url}/metrics`;
    const lagged = await eventually(async () => (await scrape(url, metricsToken)).some((s) => s.name === 'millwright_consumer_lag'), 60_000, 500);
    expect(lagged).toBe(true);
    const samples = await scrape(url, metricsToken);
    const lag = samples.filter((s) => s.name === 'millwright_consumer_lag');
    expect(lag.find((s) => s.labels['group'] === `${prefix}workers.mes-projection` && s.labels['topic'] === 'erp.production-orders.v1')).toBeDefined();
    for (const s of lag) {
      expect(Object.keys(s.labels).sort()).toEqual(['group', 'partition', 'topic']);
      expect(s.labels['partition']).toMatch(/^\d+$/);
      expect(s.value).toBeGreaterThanOrEqual(0);
    }
    expect(sampleValue(samples, 'millwright_relay_publish_errors_total')).toBeDefined();
    expect(sampleValue(samples, 'millwright_outbox_pending')).toBe(0);
  });
});
