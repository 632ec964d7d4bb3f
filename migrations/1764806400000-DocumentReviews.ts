import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Human review of extracted documents. A document waits for review when its extraction flagged a
 * field; a reviewer's corrected field list is appended as a new revision (the model's extraction
 * stays as it was, for the explanation report and the model's record), the document's order links
 * follow the reviewed fields, and the enriched records keep each document's newest revision only.
 * `spans` keeps the reviewer's marks as sent ({label, start, end}, spec limits included): labelled
 * text for training (`npm run cli -- reviews export`).
 */
export class DocumentReviews1764806400000 implements MigrationInterface {
  name = 'DocumentReviews1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quality_documents ADD COLUMN review_status text NOT NULL DEFAULT 'not_needed'
                     CHECK (review_status IN ('pending','not_needed','reviewed'))`);
    await q.query(`ALTER TABLE quality_documents ADD COLUMN revision integer NOT NULL DEFAULT 0`);
    await q.query(`UPDATE quality_documents SET review_status = 'pending' WHERE needs_review`);
    // The review queue: pending documents of one kind and plant, oldest first (ids are UUIDv7).
    await q.query(`CREATE INDEX quality_documents_review_queue_idx ON quality_documents (kind, review_status, plant, id)`);
    await q.query(`
      CREATE TABLE quality_document_reviews (
        document_id  uuid NOT NULL REFERENCES quality_documents(id) ON DELETE CASCADE,
        revision     integer NOT NULL CHECK (revision > 0),
        fields       jsonb NOT NULL,
        spans        jsonb NOT NULL,
        changes      jsonb NOT NULL,
        note         text,
        reviewed_by  text NOT NULL,
        reviewed_at  timestamptz NOT NULL,
        PRIMARY KEY (document_id, revision)
      )`);
    await q.query(`ALTER TABLE enriched_record_documents ADD COLUMN revision integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE enriched_record_documents DROP COLUMN IF EXISTS revision`);
    await q.query(`DROP TABLE IF EXISTS quality_document_reviews`);
    await q.query(`DROP INDEX IF EXISTS quality_documents_review_queue_idx`);
    await q.query(`ALTER TABLE quality_documents DROP COLUMN IF EXISTS revision`);
    await q.query(`ALTER TABLE quality_documents DROP COLUMN IF EXISTS review_status`);
  }
}
