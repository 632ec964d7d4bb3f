import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { DomainError, ErrorCode } from './problem';

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Per-client token bucket (capacity = one minute's allowance, refilled continuously). Kept in
 * process memory on purpose: it protects each replica from one noisy client without a round trip
 * per request; N replicas allow up to N x the limit, which docs/configuration.md states.
 * (@nestjs/throttler would do, but its releases lag Nest 12's ESM packages.)
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly capacity: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.capacity = config.http.rateLimitPerMinute;
    this.perMs = config.http.rateLimitPerMinute / 60_000;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const client = (req.user as { clientId?: string } | undefined)?.clientId;
    if (client === undefined) return next.handle();
    const now = Date.now();
    let bucket = this.buckets.get(client);
    if (bucket === undefined) {
      if (this.buckets.size > 10_000) this.buckets.clear();
      bucket = { tokens: this.capacity, updated: now };
      this.buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.updated) * this.perMs);
    bucket.updated = now;
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
      throw new DomainError(ErrorCode.RateLimited, `Rate limit of ${this.capacity} requests per minute exceeded.`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    bucket.tokens -= 1;
    return next.handle();
  }
}
