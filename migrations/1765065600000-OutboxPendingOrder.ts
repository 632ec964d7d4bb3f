import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay reads the oldest pending rows of its buckets (`ORDER BY id LIMIT n`). On (bucket, id)
 * that is every pending row of 64 buckets sorted per batch, or, when the planner walks the primary
 * key instead, every sent row still kept for retention skipped per batch (72 h of them by default).
 * A partial index on id alone hands the batch over in order and reads only that batch.
 */
export class OutboxPendingOrder1765065600000 implements MigrationInterface {
  name = 'OutboxPendingOrder1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_pending_id_idx ON outbox (id) WHERE sent_at IS NULL`);
    await q.query(`DROP INDEX IF EXISTS outbox_pending_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (bucket, id) WHERE sent_at IS NULL`);
    await q.query(`DROP INDEX IF EXISTS outbox_pending_id_idx`);
  }
}
