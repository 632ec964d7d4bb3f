import { Client } from 'pg';
import { createDataSource, createDb, DatabaseUnavailableError, Db } from '@mw/database';
import { createTestDatabase, TEST_PG_ADMIN_URL, TestDatabase } from '@mw/testing';
import type { DataSource } from 'typeorm';

/**
 * The server ends a connection between two statements of a transaction (what a PostgreSQL
 * restart or failover does to every open connection). Before the fix in PostgresDb.tx, the
 * client's unheard 'error' event was an uncaught exception that killed the API process; now the
 * transaction fails as "database unavailable" (503) and the pool goes on with fresh connections.
 */
let testDb: TestDatabase;
let dataSource: DataSource;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase('mw_connloss');
  dataSource = createDataSource({ url: testDb.url, dataDir: '.', poolSize: 2, statementTimeoutMs: 10_000 });
  await dataSource.initialize();
  db = await createDb(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await testDb?.drop();
});

it('a connection terminated inside a transaction fails the transaction as unavailable and the pool recovers', async () => {
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    const outcome = await db
      .tx(async (q) => {
        const [me] = await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [me!.pid]);
        // Idle in transaction while the server's FATAL arrives: the moment that crashed the process.
        await new Promise((r) => setTimeout(r, 300));
        await q.query('SELECT 1');
        return 'committed';
      })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(DatabaseUnavailableError);
    expect(await db.query<{ ok: number }>('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    expect(await db.tx((q) => q.query<{ ok: number }>('SELECT 2 AS ok'))).toEqual([{ ok: 2 }]);
  } finally {
    await admin.end();
  }
});
