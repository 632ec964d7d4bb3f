import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problemFor, StoredResponse } from './problem-mapper';
import { writeRendered } from './rendered-response';

/** The global exception filter: every error becomes problem+json; 500s log an error id and leak nothing. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const rendered = problemFor(error, {
      path: req.originalUrl?.split('?')[0] ?? req.url,
      requestId: req.requestId,
      onInternal: (errorId, e) => this.logger.error({ errorId, err: e }, 'unhandled error'),
    });
    if (error instanceof StoredResponse && error.replayed) res.setHeader('idempotent-replayed', 'true');
    writeRendered(res, rendered);
  }
}
