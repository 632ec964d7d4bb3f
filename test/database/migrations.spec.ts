import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, createDb, type Db, runMigrations } from '@mw/database';
import { ALL_MIGRATIONS } from '@mw/migrations';
import { createTestDatabase } from '@mw/testing';

/** A fresh, unmigrated database of the kind, dropped afterwards. */
async function withDataSource(kind: 'postgres' | 'pglite', fn: (ds: DataSource, db: Db) => Promise<void>): Promise<void> {
  const testDb = kind === 'postgres' ? await createTestDatabase() : undefined;
  const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'mw-mig-')) : '';
  const ds = createDataSource({ url: testDb?.url, dataDir: dir, poolSize: 2, statementTimeoutMs: 60_000 });
  await ds.initialize();
  try {
    await fn(ds, await createDb(ds));
  } finally {
    await ds.destroy();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Every migration applies and reverts cleanly, on the real server (PostgreSQL 15) and on PGlite. */
describe.each(['postgres', 'pglite'] as const)('migrations on %s', (kind) => {
  it('apply, revert to empty, and apply again', async () => {
    await withDataSource(kind, async (ds, db) => {
      const tables = async () =>
        (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`)).map((r) => r.t);
      expect(await runMigrations(ds)).toHaveLength(ALL_MIGRATIONS.length);
      const created = await tables();
      expect(created).toEqual(expect.arrayContaining(['production_orders', 'outbox', 'inbox', 'idempotency_keys', 'audit_log', 'enriched_record_changes']));
      for (let i = 0; i < ALL_MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      expect(await runMigrations(ds)).toHaveLength(ALL_MIGRATIONS.length);
      expect(await tables()).toEqual(created);
    });
  }, 180_000);

  it('fill in the loss category keys of claims stored before them, from the current fields', async () => {
    await withDataSource(kind, async (ds, db) => {
      await runMigrations(ds);
      await ds.undoLastMigration({ transaction: 'each' }); // back to before LossCategoryKeys
      const loss = (text: string, category?: string) => ({ name: 'loss_type', value: text, text, start: 0, end: text.length, confidence: 0.9, needsReview: false, ...(category ? { category } : {}) });
      const insert = async (id: string, kind: string, fields: unknown[], revision = 0) =>
        db.query(
          `INSERT INTO quality_documents (id, kind, plant, media_type, byte_size, text, text_sha256, model_version, fields, needs_review, extraction_ms, created_by, created_at, revision)
           VALUES ($1, $2, 'P100', 'text/plain', 10, 'x', 'x', 'm', $3::jsonb, false, 1, 'test', now(), $4)`,
          [id, kind, JSON.stringify(fields), revision],
        );
      // Extracted before categories: read from the description.
      await insert('01930000-0000-7000-8000-000000000001', 'claim', [loss('短路引发火灾'), { name: 'claim_number', value: 'CLM-1', text: 'CLM-1', start: 0, end: 5 }]);
      // A stored category is kept as it is.
      await insert('01930000-0000-7000-8000-000000000002', 'claim', [loss('rear-end collision', 'collision')]);
      // Reviewed: the review's fields count, not the extraction's.
      await insert('01930000-0000-7000-8000-000000000003', 'claim', [loss('burst pipe')], 1);
      await db.query(
        `INSERT INTO quality_document_reviews (document_id, revision, fields, spans, changes, reviewed_by, reviewed_at) VALUES ($1, 1, $2::jsonb, '[]'::jsonb, '{}'::jsonb, 'test', now())`,
        ['01930000-0000-7000-8000-000000000003', JSON.stringify([loss('hail damage')])],
      );
      // Inspection reports have no loss.
      await insert('01930000-0000-7000-8000-000000000004', 'inspection', [loss('crack')]);
      expect(await runMigrations(ds)).toHaveLength(1);
      const keys = await db.query<{ document_id: string; value: string }>(`SELECT document_id, value FROM quality_document_keys WHERE name = 'loss_category' ORDER BY document_id`);
      expect(keys.map((k) => [k.document_id.slice(-1), k.value])).toEqual([
        ['1', 'fire'],
        ['2', 'collision'],
        ['3', 'weather'],
      ]);
    });
  }, 180_000);
});
