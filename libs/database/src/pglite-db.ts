import type { PGlite, Transaction } from '@electric-sql/pglite';
import { Db, Queryable, Row } from './db';

/**
 * PGlite is a single connection: two interleaved transactions would share one session. Its own
 * `transaction()` holds an internal lock, and plain queries wait for it, which gives us the
 * serialisation we need; throughput is not the point of embedded mode, correctness is.
 */
export class PgliteDb extends Db {
  readonly kind = 'pglite' as const;
  constructor(private readonly pg: PGlite) {
    super();
  }

  async query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.pg.query<T>(sql, params as unknown[] | undefined);
    return result.rows;
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (t: Transaction) =>
      fn({
        query: async <R = Row>(sql: string, params?: readonly unknown[]) =>
          (await t.query<R>(sql, params as unknown[] | undefined)).rows,
      }),
    );
  }

  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: 1, idle: 1, waiting: 0 };
  }
}
