import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identifiers each document names (order, part, lot, serial, claim and policy numbers), one row
 * per value, from its reviewed fields once reviewed, else from its extraction: what "every report about
 * lot L23-118" is looked up by. Values are kept in search form (upper case, no spaces or hyphens).
 * With the text digest they also show a document sent twice (same text, or a claim under the same number).
 */
export class DocumentKeys1764892800000 implements MigrationInterface {
  name = 'DocumentKeys1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quality_document_keys (
        document_id  uuid NOT NULL REFERENCES quality_documents(id) ON DELETE CASCADE,
        name         text NOT NULL,
        value        text NOT NULL,
        PRIMARY KEY (document_id, name, value)
      )`);
    await q.query(`CREATE INDEX quality_document_keys_lookup_idx ON quality_document_keys (name, value)`);
    // The same text sent again (a re-sent report, a claim filed by e-mail and by the broker): found by its digest.
    await q.query(`CREATE INDEX quality_documents_text_idx ON quality_documents (kind, plant, text_sha256)`);
    // Documents stored before this migration (their values are already normalised identifiers).
    await q.query(`
      INSERT INTO quality_document_keys (document_id, name, value)
      SELECT DISTINCT d.id, f->>'name', upper(regexp_replace(f->>'value', '[[:space:]-]', '', 'g'))
        FROM quality_documents d
        LEFT JOIN quality_document_reviews r ON r.document_id = d.id AND r.revision = d.revision
        CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.fields, d.fields)) f
       WHERE f->>'name' IN ('order_number','part_number','lot_number','serial_number','claim_number','policy_number')
         AND jsonb_typeof(f->'value') = 'string'
         AND regexp_replace(f->>'value', '[[:space:]-]', '', 'g') <> ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS quality_documents_text_idx`);
    await q.query(`DROP TABLE IF EXISTS quality_document_keys`);
  }
}
