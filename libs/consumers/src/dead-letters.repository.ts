import { Injectable } from '@nestjs/common';
import { Db, Queryable, uuidv7 } from '@mw/database';
import type { ReceivedEvent } from '@mw/outbox';

export interface DeadLetterRow {
  id: string;
  consumer: string;
  event_id: string;
  topic: string;
  partition: number | null;
  offset: string | null;
  message_key: string | null;
  event_type: string;
  headers: Record<string, string>;
  payload: unknown;
  error: string;
  attempts: number;
  created_at: Date | string;
  replayed_at: Date | string | null;
}

@Injectable()
export class DeadLettersRepository {
  constructor(private readonly db: Db) {}

  /** Idempotent per (consumer, event): a re-delivered poison event does not pile up rows. Returns the row id. */
  async record(consumer: string, event: ReceivedEvent, rawValue: unknown, error: string, attempts: number): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO dead_letters (id, consumer, event_id, topic, partition, "offset", message_key, event_type, headers, payload, error, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (consumer, event_id) DO UPDATE SET error = EXCLUDED.error, attempts = dead_letters.attempts + EXCLUDED.attempts,
         replayed_at = NULL, created_at = now()
       RETURNING id`,
      [uuidv7(), consumer, event.id, event.topic, event.position?.partition ?? null, event.position?.offset ?? null, event.key, event.type,
        JSON.stringify(event.headers), JSON.stringify(rawValue), error.slice(0, 2000), attempts],
    );
    return rows[0]?.id ?? '';
  }

  async list(filter: { consumer?: string; pending?: boolean; limit: number }): Promise<DeadLetterRow[]> {
    const params: unknown[] = [];
    const where: string[] = ['TRUE'];
    if (filter.consumer) {
      params.push(filter.consumer);
      where.push(`consumer = $${params.length}`);
    }
    if (filter.pending) where.push('replayed_at IS NULL');
    params.push(filter.limit);
    return this.db.query<DeadLetterRow>(`SELECT * FROM dead_letters WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT $${params.length}`, params);
  }

  async get(id: string, q: Queryable = this.db, lock = false): Promise<DeadLetterRow | undefined> {
    const rows = await q.query<DeadLetterRow>(`SELECT * FROM dead_letters WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0];
  }

  async markReplayed(q: Queryable, id: string): Promise<void> {
    await q.query(`UPDATE dead_letters SET replayed_at = now() WHERE id = $1`, [id]);
  }

  async pendingCount(): Promise<number> {
    const rows = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM dead_letters WHERE replayed_at IS NULL`);
    return Number(rows[0]?.n ?? 0);
  }
}
