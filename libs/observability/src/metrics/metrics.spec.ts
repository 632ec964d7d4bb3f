import type { Request } from 'express';
import { routeLabel } from '../http/request-observer';
import { tracesUrl } from '../tracing/tracing';
import { metricsExposure } from './metrics-endpoint';
import { Metrics } from './metrics';

function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Metrics scrape-time gauges', () => {
  it('runs the slow queries once per cache window, whatever the number of gauges and scrapes', async () => {
    let backlogCalls = 0;
    let pending = 7;
    const metrics = new Metrics({ cacheMs: 60_000, timeoutMs: 1000 });
    metrics.bindSources({
      outboxBacklog: async () => {
        backlogCalls++;
        return { pending, oldestAgeSeconds: 12.5 };
      },
      deadLettersPending: async () => 3,
      dbPool: () => ({ total: 10, idle: 6, waiting: 1 }),
    });
    const [a, b] = await Promise.all([metrics.render(), metrics.render()]);
    pending = 9;
    const c = await metrics.render();
    expect(backlogCalls).toBe(1);
    for (const { body } of [a, b, c]) {
      expect(valueOf(body, 'millwright_outbox_pending')).toBe(7);
      expect(valueOf(body, 'millwright_outbox_oldest_pending_seconds')).toBe(12.5);
      expect(valueOf(body, 'millwright_dlq_pending')).toBe(3);
      expect(valueOf(body, 'millwright_db_pool_connections{state="active"}')).toBe(4);
      expect(valueOf(body, 'millwright_db_pool_connections{state="idle"}')).toBe(6);
      expect(valueOf(body, 'millwright_db_pool_waiting')).toBe(1);
    }
  });

  it('gives up on a slow source, counts it, and keeps the last value', async () => {
    let slow = false;
    const metrics = new Metrics({ cacheMs: 0, timeoutMs: 50 });
    metrics.bindSources({
      deadLettersPending: () => (slow ? new Promise<number>(() => undefined) : Promise.resolve(4)),
    });
    expect(valueOf((await metrics.render()).body, 'millwright_dlq_pending')).toBe(4);
    slow = true;
    const { body } = await metrics.render();
    expect(valueOf(body, 'millwright_dlq_pending')).toBe(4);
    expect(valueOf(body, 'millwright_metrics_source_errors_total{source="dead_letters"}')).toBe(1);
  });

  it('replaces the lag series on each refresh: partitions that moved away disappear', async () => {
    let rows = [
      { group: 'g.mes', topic: 'erp.production-orders.v1', partition: 0, lag: 5 },
      { group: 'g.mes', topic: 'erp.production-orders.v1', partition: 1, lag: 2 },
    ];
    const metrics = new Metrics({ cacheMs: 0, timeoutMs: 1000 });
    metrics.bindSources({ consumerLag: async () => rows });
    const first = (await metrics.render()).body;
    expect(valueOf(first, 'millwright_consumer_lag{group="g.mes",topic="erp.production-orders.v1",partition="1"}')).toBe(2);
    rows = [{ group: 'g.mes', topic: 'erp.production-orders.v1', partition: 0, lag: 1 }];
    const second = (await metrics.render()).body;
    expect(valueOf(second, 'millwright_consumer_lag{group="g.mes",topic="erp.production-orders.v1",partition="0"}')).toBe(1);
    expect(second).not.toContain('partition="1"');
  });

  it('records HTTP requests with route, method and status labels', async () => {
    const metrics = new Metrics();
    metrics.recordHttp('/v1/production-orders/:id', 'GET', 200, 0.02);
    metrics.recordHttp('/v1/production-orders/:id', 'GET', 200, 0.2);
    const { body, contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(valueOf(body, 'millwright_http_requests_total{route="/v1/production-orders/:id",method="GET",status="200"}')).toBe(2);
    expect(valueOf(body, 'millwright_http_request_duration_seconds_bucket{le="0.025",route="/v1/production-orders/:id",method="GET",status="200"}')).toBe(1);
  });
});

describe('metricsExposure', () => {
  it('prefers the dedicated port, else the main port behind a token, else nowhere', () => {
    expect(metricsExposure({ port: 9464 })).toEqual({ kind: 'dedicated-port', port: 9464 });
    expect(metricsExposure({ port: 9464, token: 't' })).toEqual({ kind: 'dedicated-port', port: 9464 });
    expect(metricsExposure({ token: 't' })).toEqual({ kind: 'main-port' });
    expect(metricsExposure({})).toEqual({ kind: 'none' });
  });
});

describe('routeLabel', () => {
  const req = (r: Partial<Request>): Request => ({ baseUrl: '', originalUrl: '/x', ...r }) as Request;
  it('uses the matched route pattern, never the URL', () => {
    expect(routeLabel(req({ route: { path: '/v1/production-orders/:id' }, originalUrl: '/v1/production-orders/42' }), 200)).toBe('/v1/production-orders/:id');
  });
  it('collapses unmatched and unrouted URLs into fixed labels', () => {
    expect(routeLabel(req({ originalUrl: '/v1/nope/11010519491231002X' }), 404)).toBe('unmatched');
    expect(routeLabel(req({ originalUrl: '/v1/production-orders?x=1' }), 415)).toBe('other');
    expect(routeLabel(req({ originalUrl: '/oauth/token?x=1' }), 200)).toBe('/oauth/token');
  });
});

describe('tracesUrl', () => {
  it('appends the OTLP traces path to a base endpoint once', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/v1/traces')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl(undefined)).toBe('http://localhost:4318/v1/traces');
  });
});
