import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { Db, Queryable } from './db';

/**
 * A request-scoped "deferred commit". The idempotency layer must store the response in the same
 * transaction as the business change, yet the response only exists after the handler returns. So
 * the first `UnitOfWork.run` inside a captured request keeps its transaction open after `fn`
 * resolves, and the capturer later commits it with a final write (or rolls it back).
 *
 * Rule for handlers: after a unit of work returns, do not query the database in the same request
 * (on embedded PGlite that would wait for the still-open transaction).
 */
class DeferredCommit {
  used = false;
  done?: Promise<void>;
  private resolveGate!: (finalize: (q: Queryable) => Promise<void>) => void;
  private rejectGate!: (reason: unknown) => void;
  readonly gate: Promise<(q: Queryable) => Promise<void>>;

  constructor() {
    this.gate = new Promise((resolve, reject) => {
      this.resolveGate = resolve;
      this.rejectGate = reject;
    });
    this.gate.catch(() => undefined);
  }

  async commit(finalize: (q: Queryable) => Promise<void>): Promise<void> {
    this.resolveGate(finalize);
    await this.done;
  }

  async abort(reason: unknown): Promise<void> {
    this.rejectGate(reason);
    await this.done?.catch(() => undefined);
  }
}

const storage = new AsyncLocalStorage<DeferredCommit>();

export interface CapturedUnitOfWork {
  /** True when the handler opened a transaction that is waiting for commit. */
  readonly pending: boolean;
  commit(finalize: (q: Queryable) => Promise<void>): Promise<void>;
  abort(reason: unknown): Promise<void>;
}

@Injectable()
export class UnitOfWork {
  constructor(private readonly db: Db) {}

  /** Runs `work` so that its first unit of work defers its commit to the returned handle. */
  static async capture<T>(work: () => Promise<T>): Promise<{ result: T; uow: CapturedUnitOfWork } | { error: unknown; uow: CapturedUnitOfWork }> {
    const deferred = new DeferredCommit();
    const uow: CapturedUnitOfWork = {
      get pending() {
        return deferred.used && deferred.done !== undefined;
      },
      commit: (f) => deferred.commit(f),
      abort: (r) => deferred.abort(r),
    };
    try {
      const result = await storage.run(deferred, work);
      return { result, uow };
    } catch (error) {
      return { error, uow };
    }
  }

  async run<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const deferred = storage.getStore();
    if (deferred === undefined || deferred.used) return this.db.tx(fn);
    deferred.used = true;
    return new Promise<T>((resolve, reject) => {
      let resolved = false;
      deferred.done = this.db.tx(async (q) => {
        const result = await fn(q);
        resolved = true;
        resolve(result);
        const finalize = await deferred.gate;
        await finalize(q);
      });
      deferred.done.catch((error: unknown) => {
        if (!resolved) reject(error);
      });
    });
  }

  /**
   * Runs `fn` once the request's deferred unit of work has committed, never if it rolls back; at
   * once outside a captured request (run's own transaction has committed when it returns). For
   * side effects that must not count what was not kept, such as metrics.
   */
  afterCommit(fn: () => void): void {
    const done = storage.getStore()?.done;
    if (done === undefined) fn();
    else done.then(fn, () => undefined);
  }
}
