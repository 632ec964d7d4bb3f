import type { DynamicModule, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig, Role } from '@mw/config';
import { HealthRegistry } from '@mw/health';
import { configureHttpApp, HttpAppOptions } from '@mw/http';

export interface ProcessSpec {
  name: string;
  defaultRoles: Role[];
  module: (config: AppConfig) => DynamicModule;
  http?: (config: AppConfig) => HttpAppOptions;
  /** Runs after the app is configured and before it listens (OpenAPI docs, bootstrap client). */
  afterInit?: (app: NestExpressApplication, config: AppConfig) => Promise<void>;
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
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(spec.module(config), {
      bodyParser: false,
      bufferLogs: false,
      logger: spec.logger ? spec.logger(config) : undefined,
      forceCloseConnections: false,
    });
  } catch (error) {
    process.stderr.write(`${spec.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  await configureHttpApp(app, config, spec.http?.(config));
  if (spec.afterInit) await spec.afterInit(app, config);
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000; // longer than typical load balancer idle timeouts
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  process.stdout.write(`${spec.name} listening on http://${config.host}:${port} (roles: ${config.roles.join(', ')})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: draining\n`);
    const force = setTimeout(() => {
      process.stderr.write('grace period over; exiting\n');
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
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return app;
}
