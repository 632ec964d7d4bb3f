import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@mw/config';
import { Db, Queryable, UnitOfWork } from '@mw/database';
import { DomainError, ErrorCode, problemFor, RenderedResponse, StoredResponse } from '@mw/http';
import { fingerprint, parseIdempotencyKey } from './idempotency-key';
import { IdempotencyRepository } from './idempotency.repository';

const OPTIONAL = 'idempotency:optional';
/** Marks a write endpoint where the Idempotency-Key is honoured but not required (stateless calls). */
export const IdempotencyOptional = (): MethodDecorator => SetMetadata(OPTIONAL, true);

const REDACT = 'idempotency:redact';
/**
 * Fields to blank in the STORED copy of the response (e.g. a newly issued client secret): a replay
 * then answers the same status with those fields null, and the secret never rests in the key store.
 */
export const IdempotencyRedact = (...fields: string[]): MethodDecorator => SetMetadata(REDACT, fields);

/** Headers worth replaying; everything else is recomputed per response (request id, dates). */
const REPLAYED_HEADERS = ['location', 'etag', 'content-type'];

/**
 * Runs inside the transaction that stores a request's final response (and, for a successful write,
 * commits its business change and outbox rows): the audit trail joins here so a write and its
 * audit entry commit together or not at all.
 */
export type CommitParticipant = (q: Queryable, request: Request, response: RenderedResponse) => Promise<void>;
const participants: CommitParticipant[] = [];
export function registerCommitParticipant(participant: CommitParticipant): void {
  participants.push(participant);
}

type ReplayListener = () => void;
const replayListeners: ReplayListener[] = [];
export function onIdempotentReplay(listener: ReplayListener): void {
  replayListeners.push(listener);
}

function clientOf(req: Request): string {
  const user = req.user as { clientId?: unknown } | undefined;
  return typeof user?.clientId === 'string' ? user.clientId : 'anonymous';
}

/**
 * Implements the IETF httpapi Idempotency-Key draft for POST and PATCH under /v1: the first
 * request's response is stored with its business change, a repeat replays it byte for byte, a
 * different payload under the same key is 422, a concurrent one 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    if (!['POST', 'PATCH'].includes(req.method) || !req.path.startsWith('/v1/')) return next.handle();
    const optional = this.reflector.get<boolean>(OPTIONAL, context.getHandler()) === true;
    const key = parseIdempotencyKey(req.header('idempotency-key'));
    if (key === undefined) {
      if (optional) return next.handle();
      throw new DomainError(ErrorCode.IdempotencyKeyMissing, 'Send an Idempotency-Key header with every POST and PATCH; reuse it when you retry.');
    }
    const redact = this.reflector.get<string[] | undefined>(REDACT, context.getHandler()) ?? [];
    return from(this.handle(req, res, key, next, redact));
  }

  private async handle(req: Request, res: Response, key: string, next: CallHandler, redact: string[]): Promise<unknown> {
    const clientId = clientOf(req);
    const path = req.originalUrl.split('?')[0] ?? req.path;
    const fp = fingerprint(req.method, req.originalUrl, req.body);
    const { lockSeconds, ttlHours } = this.config.idempotency;
    const claim = await this.repo.claim(clientId, key, fp, lockSeconds, ttlHours);
    switch (claim.kind) {
      case 'replay':
        for (const l of replayListeners) l();
        throw new StoredResponse(claim.response, true);
      case 'mismatch':
        throw new DomainError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for a different request (method, path or body differ).');
      case 'in-progress':
        throw new DomainError(ErrorCode.IdempotencyKeyInProgress, 'The first request with this Idempotency-Key is still running; retry later.', {
          headers: { 'retry-after': String(claim.retryAfterSeconds) },
        });
      case 'claimed':
        break;
    }

    const outcome = await UnitOfWork.capture(() => lastValueFrom(next.handle(), { defaultValue: undefined }));
    if ('result' in outcome) {
      const body = outcome.result === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(outcome.result));
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      for (const name of REPLAYED_HEADERS) {
        const v = res.getHeader(name);
        if (typeof v === 'string') headers[name] = v;
      }
      const rendered: RenderedResponse = { status: res.statusCode, headers, body };
      let stored = rendered;
      if (redact.length > 0 && typeof outcome.result === 'object' && outcome.result !== null) {
        const copy: Record<string, unknown> = { ...(outcome.result as Record<string, unknown>) };
        for (const f of redact) if (f in copy) copy[f] = null;
        stored = { ...rendered, body: Buffer.from(JSON.stringify(copy)) };
      }
      const finalize = async (q: Queryable) => {
        await this.repo.complete(clientId, key, stored, q);
        for (const p of participants) await p(q, req, rendered);
      };
      try {
        if (outcome.uow.pending) await outcome.uow.commit(finalize);
        else await this.db.tx(finalize);
      } catch (error) {
        await this.repo.release(clientId, key).catch(() => undefined);
        throw error;
      }
      throw new StoredResponse(rendered, false);
    }

    // The handler failed: its transaction (if any) rolls back.
    await outcome.uow.abort(outcome.error);
    const rendered = problemFor(outcome.error, { path, requestId: req.requestId, onInternal: (id, e) => this.logger.error({ errorId: id, err: e }, 'unhandled error') });
    if (rendered.status >= 500 || rendered.status === 429 || rendered.status === 401) {
      // Not a final answer about this request: let the retry run it again.
      await this.repo.release(clientId, key).catch(() => undefined);
      throw new StoredResponse(rendered, false);
    }
    try {
      await this.db.tx(async (q) => {
        await this.repo.complete(clientId, key, rendered, q);
        for (const p of participants) await p(q, req, rendered);
      });
    } catch {
      await this.repo.release(clientId, key).catch(() => undefined);
    }
    throw new StoredResponse(rendered, false);
  }
}
