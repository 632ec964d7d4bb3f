import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enriched records (one per production order) and their change feed. Each change row records the
 * writing transaction's id: the feed only serves rows older than every transaction still running,
 * so a change that commits late can never fall behind a follower's cursor.
 */
export class EnrichedRecords1764720000000 implements MigrationInterface {
  name = 'EnrichedRecords1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enriched_records (
        order_id      uuid PRIMARY KEY,
        plant         text NOT NULL,
        order_version integer NOT NULL,
        order_snapshot jsonb NOT NULL,
        record        jsonb NOT NULL,
        version       integer NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE enriched_record_documents (
        order_id    uuid NOT NULL,
        document_id uuid NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('inspection','claim')),
        summary     jsonb NOT NULL,
        added_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (order_id, document_id)
      )`);
    await q.query(`
      CREATE TABLE enriched_record_changes (
        seq        bigserial PRIMARY KEY,
        txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
        order_id   uuid NOT NULL,
        plant      text NOT NULL,
        version    integer NOT NULL,
        record     jsonb NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX enriched_record_changes_feed_idx ON enriched_record_changes (plant, txid, seq)`);
    await q.query(`CREATE INDEX enriched_record_changes_txid_idx ON enriched_record_changes (txid, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS enriched_record_changes`);
    await q.query(`DROP TABLE IF EXISTS enriched_record_documents`);
    await q.query(`DROP TABLE IF EXISTS enriched_records`);
  }
}
