import { Injectable } from '@nestjs/common';
import { Db, Queryable } from '@mw/database';
import type { RenderedResponse } from '@mw/http';

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: RenderedResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress'; retryAfterSeconds: number };

interface KeyRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Buffer | Uint8Array | null;
  lock_left_ms: string | number | null;
  expired: boolean;
}

/**
 * Idempotency keys live in PostgreSQL so that every API replica sees the same claim: the primary
 * key (client_id, key) is what makes two concurrent requests with one key impossible to both win.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  async claim(clientId: string, key: string, fp: string, lockSeconds: number, ttlHours: number): Promise<Claim> {
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (client_id, key, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4), now() + make_interval(hours => $5))
       ON CONFLICT (client_id, key) DO NOTHING
       RETURNING 1`,
      [clientId, key, fp, lockSeconds, ttlHours],
    );
    if (inserted.length === 1) return { kind: 'claimed' };

    const [row] = await this.db.query<KeyRow>(
      `SELECT fingerprint, state, response_status, response_headers, response_body,
              (extract(epoch FROM (locked_until - now())) * 1000) AS lock_left_ms,
              expires_at < now() AS expired
         FROM idempotency_keys WHERE client_id = $1 AND key = $2`,
      [clientId, key],
    );
    if (row === undefined) return this.claim(clientId, key, fp, lockSeconds, ttlHours); // deleted in between
    if (row.expired) {
      // An expired key is as good as new: take it over atomically.
      const taken = await this.db.query(
        `UPDATE idempotency_keys
            SET fingerprint = $3, state = 'in_progress', locked_until = now() + make_interval(secs => $4),
                response_status = NULL, response_headers = NULL, response_body = NULL,
                created_at = now(), expires_at = now() + make_interval(hours => $5)
          WHERE client_id = $1 AND key = $2 AND expires_at < now()
          RETURNING 1`,
        [clientId, key, fp, lockSeconds, ttlHours],
      );
      return taken.length === 1 ? { kind: 'claimed' } : this.claim(clientId, key, fp, lockSeconds, ttlHours);
    }
    if (row.fingerprint !== fp) return { kind: 'mismatch' };
    if (row.state === 'completed' && row.response_status !== null && row.response_body !== null) {
      return {
        kind: 'replay',
        response: { status: row.response_status, headers: row.response_headers ?? {}, body: Buffer.from(row.response_body) },
      };
    }
    const lockLeft = Number(row.lock_left_ms ?? 0);
    if (lockLeft > 0) return { kind: 'in-progress', retryAfterSeconds: Math.max(1, Math.ceil(lockLeft / 1000)) };
    // The owner crashed or stalled past its lease: the key is not stuck forever, the next retry takes it over.
    const taken = await this.db.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
        WHERE client_id = $1 AND key = $2 AND state = 'in_progress' AND locked_until <= now()
        RETURNING 1`,
      [clientId, key, lockSeconds],
    );
    return taken.length === 1 ? { kind: 'claimed' } : { kind: 'in-progress', retryAfterSeconds: 1 };
  }

  async complete(clientId: string, key: string, response: RenderedResponse, q: Queryable = this.db): Promise<void> {
    await q.query(
      `UPDATE idempotency_keys
          SET state = 'completed', locked_until = NULL, response_status = $3, response_headers = $4, response_body = $5
        WHERE client_id = $1 AND key = $2`,
      [clientId, key, response.status, JSON.stringify(response.headers), response.body],
    );
  }

  /** Gives the key back after a failure that must not be replayed (5xx): the client's retry runs afresh. */
  async release(clientId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2 AND state = 'in_progress'`, [clientId, key]);
  }

  async purgeExpired(limit = 10_000): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1) RETURNING 1`,
      [limit],
    );
    return rows.length;
  }
}
