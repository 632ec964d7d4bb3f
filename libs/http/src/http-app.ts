import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import helmet from 'helmet';
import type { AppConfig } from '@mw/config';
import { contentTypeGuard, jsonBodyParser } from './body-parsing';
import { ProblemFilter } from './problem.filter';
import { problemFor } from './problem-mapper';
import { requestIdMiddleware } from './request-context';
import { writeRendered } from './rendered-response';
import { createValidationPipe } from './validation';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface HttpAppOptions {
  /** Paths that accept multipart uploads (everything else must send JSON). */
  multipartPaths?: RegExp[];
  /** Middleware mounted before Nest's routes (e.g. the embedded authorization server). */
  before?: (app: NestExpressApplication) => Promise<void> | void;
  /**
   * Request observation (trace context, metrics, request log): `first` runs right after the request
   * id is known, `afterBody` after body parsing, whose stream callbacks lose the async context.
   */
  observe?: { first: RequestHandler[]; afterBody: RequestHandler[] };
}

/**
 * The HTTP hygiene every Millwright HTTP process shares: helmet headers, CORS off unless
 * configured, request ids, strict JSON parsing, global validation and problem+json errors.
 */
export async function configureHttpApp(app: NestExpressApplication, config: AppConfig, options: HttpAppOptions = {}): Promise<void> {
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.set('etag', false); // our ETags are versions we set ourselves
  app.use(requestIdMiddleware);
  for (const handler of options.observe?.first ?? []) app.use(handler);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // The /docs page (Swagger UI) and the HTML explanation reports need inline styles only.
        directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"], imgSrc: ["'self'", 'data:'] },
      },
    }),
  );
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: config.http.corsOrigins, exposedHeaders: ['ETag', 'Location', 'Idempotent-Replayed', 'Retry-After', 'X-Request-Id'] });
  }
  app.use(compression({ threshold: 1024 }));
  if (options.before) await options.before(app);
  app.use(contentTypeGuard(options.multipartPaths ?? []));
  app.use(jsonBodyParser(config.http.bodyLimitBytes));
  for (const handler of options.observe?.afterBody ?? []) app.use(handler);
  // Errors raised by middleware before Nest's pipeline (body parser, content type) still become problem+json.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    writeRendered(res, problemFor(error, { path: req.originalUrl.split('?')[0] ?? req.path, requestId: req.requestId }));
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
}

export type { INestApplication };
