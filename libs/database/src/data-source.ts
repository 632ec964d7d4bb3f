import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { Pool } from 'pg';
import { ALL_MIGRATIONS } from '@mw/migrations';
import { Db } from './db';
import { PostgresDb } from './postgres-db';
import { PgliteDb } from './pglite-db';

export interface DatabaseSettings {
  url?: string;
  dataDir: string;
  poolSize: number;
  statementTimeoutMs: number;
  applicationName?: string;
}

/**
 * The single TypeORM DataSource shared by the application and the migration CLI. `synchronize` is
 * always off: the schema comes from hand-written migrations only.
 */
export function createDataSource(settings: DatabaseSettings, entities: DataSourceOptions['entities'] = []): DataSource {
  const common = {
    entities,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (settings.url !== undefined) {
    return new DataSource({
      type: 'postgres',
      url: settings.url,
      ...common,
      extra: {
        max: settings.poolSize,
        // Fail fast when the server is gone so callers get 503 instead of hanging.
        connectionTimeoutMillis: 2000,
        idleTimeoutMillis: 30_000,
        statement_timeout: settings.statementTimeoutMs,
        application_name: settings.applicationName ?? 'millwright',
      },
    } as DataSourceOptions);
  }
  const dir = resolve(settings.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  // Loaded lazily: embedded mode is the only user of the WASM build.
  const { PGliteDriver } = require('typeorm-pglite') as typeof import('typeorm-pglite');
  return new DataSource({
    type: 'postgres',
    driver: new PGliteDriver({ dataDir: dir }).driver,
    uuidExtension: 'pgcrypto',
    ...common,
  } as DataSourceOptions);
}

/** Our query adapter over the DataSource's own connection (pool or PGlite instance). */
export async function createDb(dataSource: DataSource): Promise<Db> {
  const options = dataSource.options as { driver?: unknown };
  if (options.driver !== undefined) {
      const { getPGliteInstance } = require('typeorm-pglite') as typeof import('typeorm-pglite');
    return new PgliteDb(await getPGliteInstance());
  }
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return new PostgresDb(pool);
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
