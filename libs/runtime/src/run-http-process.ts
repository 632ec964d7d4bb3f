import { DynamicModule, Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig, Role } from '@mw/config';
import { HealthRegistry } from '@mw/health';
import { configureHttpApp, HttpAppOptions } from '@mw/http';
import { captureConsole, initObservability, Observability } from '@mw/observability';
import { version } from '../../../package.json';

export interface ProcessSpec {
  name: string;
  defaultRoles: Role[];
  module: (config: AppConfig) => DynamicModule;
  http?: (config: AppConfig) => HttpAppOptions;
  /** Runs after the app is configured and before it listens (OpenAPI docs, bootstrap client). */
  afterInit?: (app: NestExpressApplication, config: AppConfig) => Promise<void>;
  /** Replaces the JSON (pino) logger that every process uses by default. */
  logger?: (config: AppConfig) => LoggerService;
}

export function loadConfigOrExit(defaultRoles: Role[]): AppConfig {
  try {
    return loadConfig(process.env, defaultRoles);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * Starts one Millwright process: builds the Nest app, listens, and on SIGTERM/SIGINT goes unready
 * first, lets in-flight requests finish, closes modules (producer flush, consumer leave, pool end)
 * and exits 0 within the grace period.
 */
export async function runHttpProcess(spec: ProcessSpec): Promise<NestExpressApplication> {
  const config = loadConfigOrExit(spec.defaultRoles);
  let obs: Observability;
  try {
    obs = initObservability(config, { service: spec.name, version });
  } catch (error) {
    // Without a readable privacy policy there is no safe way to log: stop like a bad variable.
    process.stderr.write(`${spec.name}: logging could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78);
  }
  const log = obs.logger;
  // Before the module graph is built: modules constructed in forRoot() already log (privacy keys).
  Logger.overrideLogger(spec.logger ? spec.logger(config) : obs.nestLogger);
  captureConsole(log);
  const fail = (message: string, error: unknown): never => {
    log.fatal({ err: error }, message);
    process.exit(1);
  };
  // Whatever escapes still leaves as one redacted JSON line, then the process dies as Node would.
  process.on('uncaughtException', (error) => fail('uncaught exception', error));
  process.on('unhandledRejection', (reason) => fail('unhandled promise rejection', reason));
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(spec.module(config), {
      bodyParser: false,
      bufferLogs: false,
      logger: spec.logger ? spec.logger(config) : obs.nestLogger,
      forceCloseConnections: false,
    });
  } catch (error) {
    return fail(`${spec.name} failed to start: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  await configureHttpApp(app, config, { ...spec.http?.(config), observe: obs.http });
  if (spec.afterInit) await spec.afterInit(app, config);
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000; // longer than typical load balancer idle timeouts
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  try {
    await obs.startMetricsListener();
  } catch (error) {
    fail(`metrics listener failed on port ${config.metrics.port}`, error);
  }
  log.info({ port, roles: config.roles, metrics: obs.exposure.kind, tracing: obs.tracing.enabled }, `${spec.name} listening on http://${config.host}:${port} (roles: ${config.roles.join(', ')})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${signal} received: draining`);
    const force = setTimeout(() => {
      log.error('grace period over; exiting');
      process.exit(1);
    }, config.http.shutdownGraceMs + 1000);
    force.unref();
    try {
      app.get(HealthRegistry, { strict: false }).markShuttingDown();
    } catch {
      // no health module in this process
    }
    // Stop accepting new connections; idle keep-alive sockets close now, busy ones after their response.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await drained;
    await app.close();
    // Last: spans of the final requests and events are flushed after everything stopped producing them.
    await obs.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return app;
}
