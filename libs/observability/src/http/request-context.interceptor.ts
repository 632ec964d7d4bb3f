import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { requestContextOf } from './request-observer';

/**
 * Guards that parse uploads (multer) call back from stream events, outside the request's async
 * context. Registered first among the global interceptors, this subscribes the rest of the chain
 * (idempotency, handler, outbox writes) inside the request's trace context again.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const ctx = requestContextOf(execution.switchToHttp().getRequest<Request>());
    if (ctx === undefined) return next.handle();
    return new Observable((subscriber) => context.with(ctx, () => next.handle().subscribe(subscriber)));
  }
}
