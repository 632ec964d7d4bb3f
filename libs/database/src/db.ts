/**
 * The one way our code talks SQL. Repositories take a `Queryable`, so the same repository method
 * runs on the pool or inside a caller's transaction. Two adapters: node-postgres (real server,
 * concurrent transactions) and PGlite (embedded, one connection, so everything is serialised).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export abstract class Db implements Queryable {
  abstract readonly kind: 'postgres' | 'pglite';
  abstract query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction: commit on resolve, rollback on throw. */
  abstract tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Connections in use / total, for metrics and health. */
  abstract poolStats(): { total: number; idle: number; waiting: number };
}

/** Database unavailable (connection refused, pool timeout, server shutting down): answered 503. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('database unavailable');
    this.name = 'DatabaseUnavailableError';
    this.cause = cause;
  }
}

const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_ERRNO.has(e.code))) return true;
  const m = typeof e.message === 'string' ? e.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|connection is closed|Client has encountered a connection error/i.test(m);
}

/** PostgreSQL error code of a failed statement, e.g. '23505' for a unique violation. */
export function pgCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function constraintOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const c = (error as { constraint?: unknown }).constraint;
  return typeof c === 'string' ? c : undefined;
}
