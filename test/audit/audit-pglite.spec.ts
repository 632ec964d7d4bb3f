import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditTrail, sealAuditEntries, verifyAuditChain } from '@mw/audit';
import { createDataSource, createDb, Db, runMigrations } from '@mw/database';

/** Embedded mode: the same migration, triggers, append and verifier on PGlite. */
let dir: string;
let ds: DataSource;
let db: Db;
let trail: AuditTrail;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mw-audit-pglite-'));
  ds = createDataSource({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  await ds.initialize();
  await runMigrations(ds);
  db = await createDb(ds);
  expect(db.kind).toBe('pglite');
  trail = new AuditTrail(db);
  await db.query('CREATE TABLE business_probe (id text PRIMARY KEY)');
});

afterAll(async () => {
  await ds?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

it('appends in the business transaction and rolls back with it', async () => {
  await db.tx(async (q) => {
    await q.query(`INSERT INTO business_probe VALUES ('a')`);
    await trail.append(q, { action: 'business-probe.create', resource: 'business-probes/a', outcome: 'success', status: 201, clientId: 'c', changes: { id: 'a' } });
  });
  await expect(
    db.tx(async (q) => {
      await q.query(`INSERT INTO business_probe VALUES ('b')`);
      await trail.append(q, { action: 'business-probe.create', resource: 'business-probes/b', outcome: 'success', clientId: 'c' });
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
  for (let i = 0; i < 5; i++) await trail.recordRead({ action: 'enriched-record.read', resource: `enriched-records/${i}`, outcome: 'success', clientId: 'c' });
  expect(await db.query('SELECT id FROM business_probe')).toEqual([{ id: 'a' }]);
  expect(await sealAuditEntries(db, { wait: true })).toBe(6);
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 6, head: { seq: 6 } });
});

it.each([
  ['UPDATE', `UPDATE audit_log SET client_id = 'x'`],
  ['DELETE', 'DELETE FROM audit_log'],
  ['TRUNCATE', 'TRUNCATE audit_log'],
])('refuses %s through the trigger', async (op, sql) => {
  await expect(db.query(sql)).rejects.toThrow(`audit_log is append-only: ${op} refused`);
});

it('detects tampering once the trigger is bypassed', async () => {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await db.query(`UPDATE audit_log SET resource = 'enriched-records/other' WHERE seq = 3`);
  await db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
});
