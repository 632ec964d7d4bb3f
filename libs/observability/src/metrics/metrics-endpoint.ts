import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

/** Where /metrics is served, from METRICS_PORT and METRICS_TOKEN (docs/observability.md). */
export type MetricsExposure = { kind: 'dedicated-port'; port: number } | { kind: 'main-port' } | { kind: 'none' };

export function metricsExposure(config: { port?: number; token?: unknown }): MetricsExposure {
  if (config.port !== undefined) return { kind: 'dedicated-port', port: config.port };
  // On the public port only behind a token; with neither setting the endpoint does not exist.
  if (config.token !== undefined) return { kind: 'main-port' };
  return { kind: 'none' };
}

function sameToken(given: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Answers one /metrics request: 401 without the right bearer token when one is configured, else the
 * registry in Prometheus text format.
 */
export async function serveMetrics(metrics: Metrics, token: string | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (token !== undefined) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (match === null || !sameToken(match[1]?.trim() ?? '', token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain' }).end('unauthorized\n');
      return;
    }
  }
  try {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error instanceof Error ? error.name : 'error'}\n`);
  }
}

/** The dedicated listener (METRICS_PORT): /metrics only, nothing else of the application. */
export async function startMetricsServer(metrics: Metrics, options: { port: number; host: string; token?: string }): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void serveMetrics(metrics, options.token, req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
