import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, createDb, runMigrations } from '@mw/database';
import { ALL_MIGRATIONS } from '@mw/migrations';
import { createTestDatabase } from '@mw/testing';

/** Every migration applies and reverts cleanly, on the real server (PostgreSQL 15) and on PGlite. */
describe.each(['postgres', 'pglite'] as const)('migrations on %s', (kind) => {
  it('apply, revert to empty, and apply again', async () => {
    const testDb = kind === 'postgres' ? await createTestDatabase() : undefined;
    const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'mw-mig-')) : '';
    const ds = createDataSource({ url: testDb?.url, dataDir: dir, poolSize: 2, statementTimeoutMs: 60_000 });
    await ds.initialize();
    try {
      const db = await createDb(ds);
      const tables = async () =>
        (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`)).map((r) => r.t);
      expect(await runMigrations(ds)).toHaveLength(ALL_MIGRATIONS.length);
      const created = await tables();
      expect(created).toEqual(expect.arrayContaining(['production_orders', 'outbox', 'inbox', 'idempotency_keys', 'audit_log', 'enriched_record_changes']));
      for (let i = 0; i < ALL_MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual([]);
      expect(await runMigrations(ds)).toHaveLength(ALL_MIGRATIONS.length);
      expect(await tables()).toEqual(created);
    } finally {
      await ds.destroy();
      await testDb?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
