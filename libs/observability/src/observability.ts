import type { Server } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from '@mw/config';
import { setTraceContextProvider } from '@mw/outbox';
import { reenterRequestContext, metricsRoute, requestObserver } from './http/request-observer';
import { LogRedactor } from './logging/log-redactor';
import { createLogger } from './logging/logger';
import { NestPinoLogger } from './logging/nest-logger';
import { metricsExposure, MetricsExposure, startMetricsServer } from './metrics/metrics-endpoint';
import { Metrics } from './metrics/metrics';
import { currentTraceHeaders } from './tracing/trace-context';
import { setUpTracing, Tracing } from './tracing/tracing';

export interface Observability {
  readonly service: string;
  readonly logger: Logger;
  readonly nestLogger: LoggerService;
  readonly metrics: Metrics;
  readonly tracing: Tracing;
  readonly exposure: MetricsExposure;
  /** Express middleware for configureHttpApp: before everything, and again after body parsing. */
  readonly http: { first: RequestHandler[]; afterBody: RequestHandler[] };
  /** Opens the dedicated metrics listener when METRICS_PORT is set. */
  startMetricsListener(): Promise<Server | undefined>;
  /** Closes the metrics listener and flushes spans; last thing before exit. */
  shutdown(): Promise<void>;
}

let current: Observability | undefined;

export interface ObservabilityOptions {
  /** Process name: the log `service` field and, unless OTEL_SERVICE_NAME says otherwise, the trace service. */
  service?: string;
  version?: string;
}

/**
 * Sets up logging, metrics and trace propagation for this process, once: the process runner calls
 * it before Nest starts (so Nest's own lines are JSON) and the Nest module reuses the same instance.
 */
export function initObservability(config: AppConfig, options: ObservabilityOptions = {}): Observability {
  if (current) return current;
  const service = options.service ?? config.otel.serviceName;
  const redactor = LogRedactor.fromPolicyFile(config.privacy.policyFile);
  const logger = createLogger({ level: config.logLevel, service, redactor });
  const metrics = new Metrics();
  // OTEL_SERVICE_NAME's default names the whole system; a process name is more useful in traces.
  const traceService = config.otel.serviceName !== 'millwright' ? config.otel.serviceName : service;
  const tracing = setUpTracing(config, traceService, options.version ?? '0.0.0');
  setTraceContextProvider(() => currentTraceHeaders());
  const exposure = metricsExposure(config.metrics);
  const token = config.metrics.token?.reveal();
  const first: RequestHandler[] = [requestObserver({ metrics, logger })];
  if (exposure.kind === 'main-port' && token !== undefined) first.push(metricsRoute(metrics, token));
  let server: Server | undefined;
  current = {
    service,
    logger,
    nestLogger: new NestPinoLogger(logger),
    metrics,
    tracing,
    exposure,
    http: { first, afterBody: [reenterRequestContext] },
    async startMetricsListener() {
      if (exposure.kind !== 'dedicated-port' || server) return server;
      server = await startMetricsServer(metrics, { port: exposure.port, host: config.host, ...(token !== undefined ? { token } : {}) });
      logger.info({ port: exposure.port, auth: token !== undefined ? 'bearer' : 'none' }, 'metrics listening');
      return server;
    },
    async shutdown() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
      await tracing.shutdown();
      logger.flush();
    },
  };
  return current;
}

/** The process' observability, creating it from `config` when the process runner did not (tests, CLI). */
export function observability(config: AppConfig): Observability {
  return current ?? initObservability(config);
}
