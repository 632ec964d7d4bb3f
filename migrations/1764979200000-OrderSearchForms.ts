import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents name orders the way people write them (`wo 4471`, `hx2210`), not as the ERP stored them
 * (`WO-4471`, `HX-2210`): links match order numbers and material codes in search form (upper case,
 * no spaces or hyphens; `sqlSearchForm` in libs/quality-documents). These indexes are on that exact
 * expression, per plant, so a document's link lookup stays an index scan.
 */
export class OrderSearchForms1764979200000 implements MigrationInterface {
  name = 'OrderSearchForms1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX production_orders_order_number_search_idx ON production_orders (plant, (upper(regexp_replace(order_number, '[[:space:]-]', '', 'g'))))`,
    );
    await q.query(
      `CREATE INDEX production_orders_material_search_idx ON production_orders (plant, (upper(regexp_replace(material_code, '[[:space:]-]', '', 'g'))))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS production_orders_material_search_idx`);
    await q.query(`DROP INDEX IF EXISTS production_orders_order_number_search_idx`);
  }
}
