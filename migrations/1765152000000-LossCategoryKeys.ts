import type { MigrationInterface, QueryRunner } from 'typeorm';
// The taxonomy module alone: the rules, without the model runtime the @mw/extraction entry point loads.
import { normalizeLossType } from '../libs/extraction/src/normalize/taxonomy';

const PAGE = 1000;

/**
 * Claims are listed by loss category (`GET /v1/claims?lossCategory=fire`) through
 * quality_document_keys rows named `loss_category`, which the API writes with every extraction and
 * review from now on. This fills them in for claims stored before: the category of each loss_type
 * in the claim's current fields (reviewed, else extracted), from the stored category or, for fields
 * extracted before categories existed, from the description. Data only; the table is unchanged.
 */
export class LossCategoryKeys1765152000000 implements MigrationInterface {
  name = 'LossCategoryKeys1765152000000';

  async up(q: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = ((await q.query(`SELECT id FROM quality_documents WHERE kind = 'claim' AND id > $1 ORDER BY id LIMIT ${PAGE}`, [after])) as { id: string }[]).map((r) => r.id);
      if (ids.length === 0) return;
      const losses = (await q.query(
        `SELECT d.id, f->>'category' AS category, f->>'text' AS text
           FROM quality_documents d
           LEFT JOIN quality_document_reviews r ON r.document_id = d.id AND r.revision = d.revision
           CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.fields, d.fields)) f
          WHERE d.id = ANY($1::uuid[]) AND f->>'name' = 'loss_type'`,
        [ids],
      )) as { id: string; category: string | null; text: string | null }[];
      if (losses.length > 0) {
        await q.query(
          `INSERT INTO quality_document_keys (document_id, name, value)
           SELECT k.id, 'loss_category', k.value FROM unnest($1::uuid[], $2::text[]) AS k(id, value)
           ON CONFLICT DO NOTHING`,
          [losses.map((l) => l.id), losses.map((l) => l.category ?? normalizeLossType(l.text ?? ''))],
        );
      }
      after = ids[ids.length - 1] as string;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM quality_document_keys WHERE name = 'loss_category'`);
  }
}
