import 'reflect-metadata';
import { Command } from 'commander';
import { registerAuditCommands } from '@mw/audit';
import { registerClientCommands } from '@mw/auth';
import { ConfigError, loadConfig } from '@mw/config';
import { createDataSource, createDb, Db, runMigrations } from '@mw/database';
import { registerReviewCommands } from '@mw/quality-documents';

/**
 * Operator CLI: `npm run cli -- <command>`. Talks to the database named by DATABASE_URL, or the
 * embedded one in DATA_DIR (only while the server is stopped: PGlite allows one process).
 */
async function openDb(migrate = true): Promise<{ db: Db; close(): Promise<void> }> {
  const config = loadConfig(process.env);
  const ds = createDataSource({
    url: config.database.url?.reveal(),
    dataDir: config.dataDir,
    poolSize: 2,
    statementTimeoutMs: config.database.statementTimeoutMs,
    applicationName: 'millwright-cli',
  });
  await ds.initialize();
  if (migrate) await runMigrations(ds);
  return { db: await createDb(ds), close: () => ds.destroy() };
}

async function main(): Promise<void> {
  const program = new Command('millwright').description('Millwright operator commands').showHelpAfterError();
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const config = loadConfig(process.env);
      const ds = createDataSource({ url: config.database.url?.reveal(), dataDir: config.dataDir, poolSize: 1, statementTimeoutMs: 600_000 });
      await ds.initialize();
      try {
        const applied = await runMigrations(ds);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
      } finally {
        await ds.destroy();
      }
    });
  program
    .command('migrate:revert')
    .description('revert the most recent migration')
    .action(async () => {
      const config = loadConfig(process.env);
      const ds = createDataSource({ url: config.database.url?.reveal(), dataDir: config.dataDir, poolSize: 1, statementTimeoutMs: 600_000 });
      await ds.initialize();
      try {
        await ds.undoLastMigration({ transaction: 'each' });
        process.stdout.write('reverted one migration\n');
      } finally {
        await ds.destroy();
      }
    });
  registerClientCommands(program, () => openDb());
  registerAuditCommands(program, () => openDb());
  registerReviewCommands(program, () => openDb());
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
