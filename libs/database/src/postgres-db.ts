import type { Pool, PoolClient } from 'pg';
import { Db, DatabaseUnavailableError, isUnavailable, Queryable, Row } from './db';

function wrap(error: unknown): unknown {
  return isUnavailable(error) ? new DatabaseUnavailableError(error) : error;
}

class ClientQueryable implements Queryable {
  constructor(private readonly client: PoolClient) {}
  async query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    try {
      const result = await this.client.query(sql, params as unknown[] | undefined);
      return result.rows as T[];
    } catch (error) {
      throw wrap(error);
    }
  }
}

/** node-postgres pool adapter; the pool is the one TypeORM's DataSource owns. */
export class PostgresDb extends Db {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: Pool) {
    super();
  }

  async query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    try {
      const result = await this.pool.query(sql, params as unknown[] | undefined);
      return result.rows as T[];
    } catch (error) {
      throw wrap(error);
    }
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new DatabaseUnavailableError(error);
    }
    let broken = false;
    // A checked-out client has no 'error' listener of the pool's: when the server terminates the
    // connection between two statements (restart, failover: 57P01), node-postgres emits 'error' on
    // the client and, unheard, it kills the process. Found by the reliability suite (PostgreSQL
    // restarted under load crashed every API process). The next statement then fails and maps to 503.
    const onError = () => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(new ClientQueryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw wrap(error);
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
      client.off('error', onError);
      client.release(broken ? true : undefined);
    }
  }

  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }
}
