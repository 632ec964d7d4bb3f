import { Context, context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics';
import { METRICS_PATH, serveMetrics } from '../metrics/metrics-endpoint';
import { extractContext, startSpan, withRequestInfo } from '../tracing/trace-context';

const CONTEXT = Symbol('millwright.trace-context');
type WithContext = Request & { [CONTEXT]?: Context };

/** Routes outside Nest's router with a fixed, small set of paths (embedded OAuth server, docs). */
const STATIC_ROUTES = /^\/(oauth\/[a-z_]+|\.well-known\/[a-z-]+|docs(\/[\w.-]+)?|openapi\.json|metrics)$/;

/**
 * The route label: Nest's route pattern (`/v1/production-orders/:id`), never the raw URL, so the
 * series count stays bounded whatever clients send.
 */
export function routeLabel(req: Request, status: number): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}` || '/';
  if (status === 404) return 'unmatched';
  const path = req.originalUrl.split('?')[0] ?? '';
  return STATIC_ROUTES.test(path) ? path : 'other';
}

function clientIdOf(req: Request): string | undefined {
  const user = req.user as { clientId?: unknown } | undefined;
  return typeof user?.clientId === 'string' ? user.clientId : undefined;
}

function quiet(route: string): boolean {
  return route.startsWith('/health') || route === METRICS_PATH;
}

export interface RequestObserverOptions {
  metrics: Metrics;
  logger: Logger;
}

/**
 * First in the chain after the request id: opens the server span (child of an incoming
 * traceparent, or a new trace), makes it and the request id the active context for everything
 * downstream, and at the end records the request metrics and writes the one request log line.
 */
export function requestObserver({ metrics, logger }: RequestObserverOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const parent = extractContext(req.headers);
    const { span, ctx: spanCtx } = startSpan(`${req.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    const requestId = req.requestId ?? '';
    const ctx = withRequestInfo(spanCtx, { requestId, clientId: () => clientIdOf(req) });
    (req as WithContext)[CONTEXT] = ctx;
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const status = aborted && !res.headersSent ? 499 : res.statusCode;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req, status);
      metrics.recordHttp(route, req.method, status, seconds);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status, 'millwright.request_id': requestId });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      context.with(ctx, () => {
        const line = { method: req.method, route, status, ms: Math.round(seconds * 10_000) / 10, ...(aborted ? { aborted: true } : {}) };
        if (status >= 500) logger.error(line, 'request failed');
        else if (quiet(route)) logger.debug(line, 'request completed');
        else logger.info(line, 'request completed');
      });
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(!res.writableFinished));
    context.with(ctx, next);
  };
}

/**
 * Body parsers and upload handlers resume on socket callbacks that do not carry the request's
 * async context; mounted after them, this puts it back before Nest's pipeline runs.
 */
export function reenterRequestContext(req: Request, _res: Response, next: NextFunction): void {
  const ctx = (req as WithContext)[CONTEXT];
  if (ctx === undefined) return next();
  context.with(ctx, next);
}

export function requestContextOf(req: Request): Context | undefined {
  return (req as WithContext)[CONTEXT];
}

/** /metrics on the main port, behind the bearer token (only mounted when METRICS_TOKEN is set and METRICS_PORT is not). */
export function metricsRoute(metrics: Metrics, token: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== METRICS_PATH) return next();
    void serveMetrics(metrics, token, req, res);
  };
}
