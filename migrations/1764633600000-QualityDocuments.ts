import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspection reports and claims with their extraction, and their links to production orders.
 * One table for both kinds: they share every column, and an order's documents are read together.
 */
export class QualityDocuments1764633600000 implements MigrationInterface {
  name = 'QualityDocuments1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quality_documents (
        id             uuid PRIMARY KEY,
        kind           text NOT NULL CHECK (kind IN ('inspection','claim')),
        plant          text NOT NULL,
        source         text,
        metadata       jsonb,
        media_type     text NOT NULL CHECK (media_type IN ('application/json','text/plain','application/pdf')),
        file_name      text,
        byte_size      integer NOT NULL,
        text           text NOT NULL,
        text_sha256    text NOT NULL,
        model_version  text NOT NULL,
        fields         jsonb NOT NULL,
        needs_review   boolean NOT NULL,
        extraction_ms  double precision NOT NULL,
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX quality_documents_kind_plant_idx ON quality_documents (kind, plant, id)`);

    await q.query(`
      CREATE TABLE quality_document_links (
        document_id    uuid NOT NULL REFERENCES quality_documents(id) ON DELETE CASCADE,
        order_id       uuid NOT NULL REFERENCES production_orders(id),
        kind           text NOT NULL CHECK (kind IN ('inspection','claim')),
        matched_by     text NOT NULL CHECK (matched_by IN ('order_number','part_lot')),
        created_at     timestamptz NOT NULL,
        PRIMARY KEY (document_id, order_id)
      )`);
    await q.query(`CREATE INDEX quality_document_links_order_idx ON quality_document_links (order_id, kind, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS quality_document_links`);
    await q.query(`DROP TABLE IF EXISTS quality_documents`);
  }
}
