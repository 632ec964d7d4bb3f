import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, createDb, Db, runMigrations } from '@mw/database';

/** Admin connection used to create throw-away databases; CI and developers share the machine's server. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database per test file, so runs never see each other's rows. */
export async function createTestDatabase(prefix = 'mw_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export type AdapterKind = 'postgres' | 'pglite';

/**
 * A migrated database on either adapter, for specs that must hold on both: a fresh PostgreSQL
 * database, or an embedded PGlite in a temporary directory. `close` drops or deletes it.
 */
export async function openMigratedDb(kind: AdapterKind, poolSize = 5): Promise<{ db: Db; close(): Promise<void> }> {
  const testDb = kind === 'postgres' ? await createTestDatabase() : undefined;
  const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'mw-pglite-')) : undefined;
  const ds = createDataSource({ url: testDb?.url, dataDir: dir ?? '', poolSize, statementTimeoutMs: 5000 });
  await ds.initialize();
  await runMigrations(ds);
  return {
    db: await createDb(ds),
    async close() {
      await ds.destroy();
      await testDb?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
