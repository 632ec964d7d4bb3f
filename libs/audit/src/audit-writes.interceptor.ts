import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { problemFor, StoredResponse } from '@mw/http';
import type { Queryable } from '@mw/database';
import type { AuditEntryInput, AuditOutcome } from './audit-entry';
import { AuditTrail } from './audit-trail';

const WRITES: Record<string, string> = { POST: 'create', PATCH: 'update', PUT: 'replace', DELETE: 'delete' };

function singular(segment: string): string {
  return segment.endsWith('s') && !segment.endsWith('ss') ? segment.slice(0, -1) : segment;
}

export function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status < 400 ? 'success' : 'error';
}

/**
 * Names a write from its route pattern: `POST /v1/production-orders` → production-order.create,
 * `PATCH …/:id` → production-order.update, `POST …/:id/release` → production-order.release (a
 * trailing singular word after an id is a verb), `POST …/:id/confirmations` →
 * production-order.confirmation.create (a trailing plural is a sub-collection).
 */
export function describeWrite(method: string, routePath: string, urlPath: string, location?: string): { action: string; resource: string } {
  const verb = WRITES[method] ?? method.toLowerCase();
  const route = routePath.split('/').filter((s) => s !== '' && s !== 'v1');
  const url = urlPath.split('/').filter((s) => s !== '' && s !== 'v1');
  const last = route[route.length - 1];
  const afterParam = route.length >= 2 && route[route.length - 2]?.startsWith(':') === true;
  const isVerb = method === 'POST' && last !== undefined && !last.startsWith(':') && afterParam && singular(last) === last;
  const nouns = (isVerb ? route.slice(0, -1) : route).filter((s) => !s.startsWith(':')).map(singular);
  const action = `${nouns.join('.') || 'root'}.${isVerb ? (last ?? verb) : verb}`;
  const fromLocation = location?.startsWith('/v1/') === true ? location.slice(4).split('?')[0] : undefined;
  const resource = fromLocation ?? (isVerb ? url.slice(0, -1) : url).join('/');
  return { action: action.toLowerCase(), resource: resource || 'root' };
}

const AUDITED = Symbol('audited');

/** POSTs that store nothing (stateless computation) are not writes worth an audit entry. */
const STATELESS = new Set(['/v1/extract']);

/**
 * Appends the entry for a write inside the transaction that commits it (called by the idempotency
 * layer's commit step) and marks the request so the interceptor below does not write it again.
 */
export async function auditInCommit(trail: AuditTrail, q: Queryable, req: Request, status: number, location: string | undefined): Promise<void> {
  if (!trail.enabled || WRITES[req.method] === undefined || STATELESS.has(req.path)) return;
  const routePath = (req.route as { path?: unknown } | undefined)?.path;
  await trail.append(q, {
    ...describeWrite(req.method, typeof routePath === 'string' ? routePath : req.path, req.path, location),
    clientId: clientOf(req),
    requestId: req.requestId,
    changes: req.body as unknown,
    status,
    outcome: outcomeOf(status),
  });
  (req as unknown as Record<symbol, boolean>)[AUDITED] = true;
}

function clientOf(req: Request): string {
  const user = req.user as { clientId?: unknown } | undefined;
  return typeof user?.clientId === 'string' ? user.clientId : 'anonymous';
}

/**
 * Audits every POST/PATCH/PUT/DELETE under /v1 (success or failure) in a transaction of its own,
 * after the request's transaction has committed. Register it after RateLimitInterceptor (a
 * throttled flood should not cost an insert per request) and BEFORE IdempotencyInterceptor: outside
 * idempotency it sees the committed outcome, and idempotent replays (not new writes) are skipped.
 * Registered inside it, it would query while the request's unit of work is still open, which on
 * embedded PGlite waits forever.
 *
 * Requests refused by the auth guard (401/403 before any interceptor runs) are not seen here.
 */
@Injectable()
export class AuditWritesInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(private readonly trail: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.trail.enabled || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    if (WRITES[req.method] === undefined || !req.path.startsWith('/v1/') || STATELESS.has(req.path)) return next.handle();
    return from(this.run(req, res, next));
  }

  private async run(req: Request, res: Response, next: CallHandler): Promise<unknown> {
    const routePath = (req.route as { path?: unknown } | undefined)?.path;
    const describe = (location: unknown) => describeWrite(req.method, typeof routePath === 'string' ? routePath : req.path, req.path, typeof location === 'string' ? location : undefined);
    const base = { clientId: clientOf(req), requestId: req.requestId, changes: req.body as unknown };
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      if (error instanceof StoredResponse) {
        if (!error.replayed) await this.record({ ...base, ...describe(error.response.headers.location), status: error.response.status, outcome: outcomeOf(error.response.status) }, req);
      } else {
        const status = problemFor(error, { path: req.path }).status;
        await this.record({ ...base, ...describe(undefined), status, outcome: outcomeOf(status) }, req);
      }
      throw error;
    }
    await this.record({ ...base, ...describe(res.getHeader('location')), status: res.statusCode, outcome: outcomeOf(res.statusCode) }, req);
    return result;
  }

  /** The write already happened: failing its response now would only make the client retry it. */
  private async record(entry: AuditEntryInput, req?: Request): Promise<void> {
    if (req !== undefined && (req as unknown as Record<symbol, boolean>)[AUDITED]) return;
    try {
      await this.trail.appendNow(entry);
    } catch (error) {
      this.logger.error({ err: error, action: entry.action, resource: entry.resource, requestId: entry.requestId }, 'audit entry NOT written');
    }
  }
}
