import { Command } from 'commander';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AuditLogRepository, AuditRecord, AuditTrail, applyAuditGrants, entryHash, registerAuditCommands, sealAuditEntries, verifyAuditChain } from '@mw/audit';
import { createDataSource, createDb, Db, runMigrations } from '@mw/database';
import { createTestDatabase, TestDatabase } from '@mw/testing';

/**
 * The audit log on the real PostgreSQL server: atomicity with the business change, ordering under
 * concurrency, append-only enforcement (trigger and role split), and the verifier against each kind
 * of tampering a DBA with raw access could do.
 */
let tdb: TestDatabase;
let ds: DataSource;
let db: Db;
let trail: AuditTrail;

const APP_ROLE = 'millwright_app';

beforeAll(async () => {
  tdb = await createTestDatabase('mw_audit');
  ds = createDataSource({ url: tdb.url, dataDir: '/tmp', poolSize: 10, statementTimeoutMs: 30_000 });
  await ds.initialize();
  await runMigrations(ds);
  db = await createDb(ds);
  trail = new AuditTrail(db);
  await db.query('CREATE TABLE business_probe (id text PRIMARY KEY, note text NOT NULL)');
});

afterAll(async () => {
  await ds?.destroy();
  await tdb?.drop();
});

/** As the owner (a DBA with raw access): empty the log so each tampering case starts clean. */
async function resetChain(): Promise<void> {
  await asOwnerWithoutTriggers(async (q) => {
    await q.query('TRUNCATE audit_log, audit_pending');
    await q.query(`UPDATE audit_head SET seq = 0, hash = repeat('0', 64)`);
  });
}

/** Runs `fn` with the append-only triggers disabled, as only the owner or a superuser can. */
async function asOwnerWithoutTriggers(fn: (q: Db) => Promise<void>): Promise<void> {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  await db.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
  try {
    await fn(db);
  } finally {
    await db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    await db.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
  }
}

/** Appends n reads, seals them, and returns the log as stored. */
async function appendMany(n: number): Promise<AuditRecord[]> {
  for (let i = 0; i < n; i++) {
    await trail.recordRead({ action: 'enriched-record.read', resource: `enriched-records/r${i}`, outcome: 'success', status: 200, clientId: `client-${i % 3}`, requestId: `req-${i}` });
  }
  expect(await sealAuditEntries(db, { wait: true })).toBe(n);
  return AuditLogRepository.page(db, 0, 10_000);
}

async function hashOf(seq: number): Promise<string> {
  const [row] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [seq]);
  return row!.hash;
}

describe('append', () => {
  beforeEach(resetChain);

  it('commits the business change and its entry together', async () => {
    await db.tx(async (q) => {
      await q.query(`INSERT INTO business_probe (id, note) VALUES ('ok-1', 'created')`);
      await trail.append(q, { action: 'business-probe.create', resource: 'business-probes/ok-1', outcome: 'success', status: 201, clientId: 'c1', requestId: 'r1', changes: { note: 'created' } });
    });
    expect(await db.query(`SELECT id FROM business_probe WHERE id = 'ok-1'`)).toHaveLength(1);
    expect(await db.query('SELECT entry_id FROM audit_pending')).toHaveLength(1);
    expect(await sealAuditEntries(db, { wait: true })).toBe(1);
    expect(await db.query('SELECT entry_id FROM audit_pending')).toHaveLength(0);
    const entries = await db.query<{ seq: string; resource: string; digest: string }>('SELECT seq, resource, digest FROM audit_log');
    expect(entries).toEqual([{ seq: '1', resource: 'business-probes/ok-1', digest: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('rolls back the entry with the business change', async () => {
    await expect(
      db.tx(async (q) => {
        await q.query(`INSERT INTO business_probe (id, note) VALUES ('rb-1', 'created')`);
        await trail.append(q, { action: 'business-probe.create', resource: 'business-probes/rb-1', outcome: 'success', clientId: 'c1' });
        throw new Error('business rule failed after the append');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await db.query(`SELECT id FROM business_probe WHERE id = 'rb-1'`)).toHaveLength(0);
    expect(await db.query('SELECT entry_id FROM audit_pending')).toHaveLength(0);
    expect(await sealAuditEntries(db)).toBe(0);
    expect(await db.query('SELECT seq FROM audit_log')).toHaveLength(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('rolls back the business change when the append fails', async () => {
    await expect(
      db.tx(async (q) => {
        await q.query(`INSERT INTO business_probe (id, note) VALUES ('rb-2', 'created')`);
        await trail.append(q, { action: 'not an action', resource: 'business-probes/rb-2', outcome: 'success', clientId: 'c1' });
      }),
    ).rejects.toThrow(/invalid audit entry/);
    expect(await db.query(`SELECT id FROM business_probe WHERE id = 'rb-2'`)).toHaveLength(0);
  });

  it('keeps one gap-free chain under concurrent transactions and concurrent sealers, including rolled-back transactions', async () => {
    let appending = true;
    const sealers = Array.from({ length: 3 }, async () => {
      while (appending) await sealAuditEntries(db, { batch: 5 });
    });
    const work = Array.from({ length: 60 }, (_, i) =>
      db
        .tx(async (q) => {
          await q.query('INSERT INTO business_probe (id, note) VALUES ($1, $2)', [`cc-${i}`, 'x']);
          await trail.append(q, { action: 'business-probe.create', resource: `business-probes/cc-${i}`, outcome: 'success', clientId: `c${i % 4}`, changes: { i } });
          if (i % 7 === 0) throw new Error('rollback');
        })
        .catch(() => undefined),
    );
    await Promise.all(work);
    appending = false;
    await Promise.all(sealers);
    await sealAuditEntries(db, { wait: true });
    const committed = 60 - Math.ceil(60 / 7);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, checked: committed, firstSeq: 1, lastSeq: committed, head: { seq: committed } });
    const [{ n }] = (await db.query<{ n: string }>(`SELECT count(*) AS n FROM business_probe WHERE id LIKE 'cc-%'`)) as [{ n: string }];
    expect(Number(n)).toBe(committed);
  });

  it('is a no-op when auditing is switched off', async () => {
    const off = new AuditTrail(db, { enabled: false });
    expect(await off.recordRead({ action: 'x.read', resource: 'x/1', outcome: 'success', clientId: 'c' })).toBeUndefined();
    expect(await db.query('SELECT entry_id FROM audit_pending')).toHaveLength(0);
  });
});

describe('append-only', () => {
  beforeAll(async () => {
    await resetChain();
    await appendMany(3);
  });

  it.each([
    ['UPDATE', `UPDATE audit_log SET outcome = 'error' WHERE seq = 2`],
    ['DELETE', 'DELETE FROM audit_log WHERE seq = 2'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('refuses %s even for the owner while the trigger is on', async (op, sql) => {
    await expect(db.query(sql)).rejects.toThrow(`audit_log is append-only: ${op} refused`);
  });

  it('lets the head only advance by one entry', async () => {
    await expect(db.query('UPDATE audit_head SET seq = seq - 1')).rejects.toThrow(/only moves forward/);
    await expect(db.query('DELETE FROM audit_head')).rejects.toThrow(/only moves forward/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  describe(`as the application role ${APP_ROLE}`, () => {
    let appDs: DataSource;
    let appDb: Db;

    beforeAll(async () => {
      const admin = new Client({ connectionString: tdb.url });
      await admin.connect();
      try {
        await admin.query(`DO $$ BEGIN CREATE ROLE ${APP_ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
      } finally {
        await admin.end();
      }
      await applyAuditGrants(db, APP_ROLE);
      const url = new URL(tdb.url);
      url.username = APP_ROLE;
      appDs = createDataSource({ url: url.toString(), dataDir: '/tmp', poolSize: 2, statementTimeoutMs: 30_000 });
      await appDs.initialize();
      appDb = await createDb(appDs);
    });

    afterAll(async () => {
      await appDs?.destroy();
    });

    it('connects as a role that is not a superuser and does not own audit_log', async () => {
      const [me] = await appDb.query<{ user: string; su: boolean; owner: string }>(
        `SELECT current_user AS user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'audit_log'`,
      );
      expect(me).toMatchObject({ user: APP_ROLE, su: false });
      expect(me?.owner).not.toBe(APP_ROLE);
    });

    it('can append, seal and read', async () => {
      const appTrail = new AuditTrail(appDb);
      await appTrail.recordRead({ action: 'enriched-record.read', resource: 'enriched-records/app', outcome: 'success', clientId: 'app' });
      expect(await sealAuditEntries(appDb, { wait: true })).toBe(1);
      expect(await verifyAuditChain(appDb)).toMatchObject({ ok: true, checked: 4, pending: { count: 0 } });
    });

    it('cannot edit a pending entry before it is sealed', async () => {
      await new AuditTrail(appDb).recordRead({ action: 'enriched-record.read', resource: 'enriched-records/app2', outcome: 'success', clientId: 'app' });
      await expect(appDb.query(`UPDATE audit_pending SET client_id = 'someone-else'`)).rejects.toMatchObject({ code: '42501' });
      expect(await sealAuditEntries(appDb, { wait: true })).toBe(1);
    });

    it.each([
      ['UPDATE', `UPDATE audit_log SET outcome = 'error' WHERE seq = 2`],
      ['DELETE', 'DELETE FROM audit_log WHERE seq = 2'],
      ['TRUNCATE', 'TRUNCATE audit_log'],
    ])('is denied %s by the grants', async (_op, sql) => {
      await expect(appDb.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    });

    it('cannot switch the triggers off or rewind the head', async () => {
      await expect(appDb.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
      await expect(appDb.query('UPDATE audit_head SET seq = 1')).rejects.toThrow(/only moves forward/);
      await expect(appDb.query('DELETE FROM audit_head')).rejects.toMatchObject({ code: '42501' });
    });

    it('refuses to grant to the owner itself', async () => {
      const [owner] = await db.query<{ o: string }>(`SELECT pg_get_userbyid(relowner) AS o FROM pg_class WHERE relname = 'audit_log'`);
      await expect(applyAuditGrants(db, owner!.o)).rejects.toThrow(/owns audit_log/);
    });
  });
});

describe('tampering is detected and located', () => {
  let entries: AuditRecord[];

  beforeEach(async () => {
    await resetChain();
    entries = await appendMany(10);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('reports an intact log with its head as an anchor', async () => {
    const report = await verifyAuditChain(db);
    expect(report).toEqual({ ok: true, checked: 10, firstSeq: 1, lastSeq: 10, lastHash: entries[9]!.hash, head: { seq: 10, hash: entries[9]!.hash }, pending: { count: 0, oldest: null } });
  });

  it('altered content: hash-mismatch at that entry', async () => {
    await asOwnerWithoutTriggers((q) => q.query(`UPDATE audit_log SET client_id = 'someone-else' WHERE seq = 5`).then(() => undefined));
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 5, reason: 'hash-mismatch' });
  });

  it('altered and re-hashed: prev-hash-mismatch at the next entry', async () => {
    await asOwnerWithoutTriggers(async (q) => {
      const e = { ...entries[4]!, outcome: 'error' as const };
      await q.query(`UPDATE audit_log SET outcome = 'error', hash = $1 WHERE seq = 5`, [entryHash(e.prevHash, e)]);
    });
    const report = await verifyAuditChain(db);
    expect(report.firstBreak).toMatchObject({ seq: 6, reason: 'prev-hash-mismatch' });
    expect(report.checked).toBe(5);
  });

  it('removed from the middle: gap at the missing seq', async () => {
    await asOwnerWithoutTriggers((q) => q.query('DELETE FROM audit_log WHERE seq IN (4, 5)').then(() => undefined));
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 4, reason: 'gap', detail: 'entries 4..5 are missing' });
  });

  it('removed and renumbered: prev-hash-mismatch where the link breaks', async () => {
    await asOwnerWithoutTriggers(async (q) => {
      await q.query('DELETE FROM audit_log WHERE seq = 4');
      await q.query('UPDATE audit_log SET seq = -seq WHERE seq > 4');
      await q.query('UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0');
      await q.query('UPDATE audit_head SET seq = 9');
    });
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 4, reason: 'prev-hash-mismatch' });
  });

  it('first entry removed: gap at seq 1', async () => {
    await asOwnerWithoutTriggers((q) => q.query('DELETE FROM audit_log WHERE seq = 1').then(() => undefined));
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 1, reason: 'gap' });
  });

  it('tail removed: truncated, from the head', async () => {
    await asOwnerWithoutTriggers((q) => q.query('DELETE FROM audit_log WHERE seq > 7').then(() => undefined));
    const report = await verifyAuditChain(db);
    expect(report.firstBreak).toMatchObject({ seq: 8, reason: 'truncated' });
    expect(report.checked).toBe(7);
  });

  it('tail removed and head rewound: caught only by an anchor recorded earlier', async () => {
    const anchor = { seq: 9, hash: await hashOf(9) };
    await asOwnerWithoutTriggers(async (q) => {
      await q.query('DELETE FROM audit_log WHERE seq > 7');
      await q.query('UPDATE audit_head SET seq = 7, hash = $1', [entries[6]!.hash]);
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect((await verifyAuditChain(db, { anchors: [anchor] })).firstBreak).toMatchObject({ seq: 8, reason: 'truncated' });
  });

  it('two entries swapped: reordered at the first', async () => {
    await asOwnerWithoutTriggers(async (q) => {
      await q.query('UPDATE audit_log SET seq = -6 WHERE seq = 6');
      await q.query('UPDATE audit_log SET seq = 6 WHERE seq = 7');
      await q.query('UPDATE audit_log SET seq = 7 WHERE seq = -6');
    });
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 6, reason: 'reordered' });
  });

  it('timestamps shuffled between entries: hash-mismatch', async () => {
    await asOwnerWithoutTriggers((q) => q.query(`UPDATE audit_log SET at = at - interval '1 day' WHERE seq = 3`).then(() => undefined));
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
  });

  it('forged entry inserted mid-chain with a valid hash: inserted at its seq', async () => {
    await asOwnerWithoutTriggers(async (q) => {
      await q.query('UPDATE audit_log SET seq = -seq WHERE seq >= 5');
      await q.query('UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0');
      const forged = { ...entries[4]!, entryId: '0193a000-0000-7000-8000-00000000f00d', clientId: 'forger', prevHash: entries[3]!.hash };
      const hash = entryHash(forged.prevHash, forged);
      await q.query(
        `INSERT INTO audit_log (seq, entry_id, at, client_id, action, resource, outcome, status, request_id, digest, prev_hash, hash)
         VALUES (5, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [forged.entryId, forged.at, forged.clientId, forged.action, forged.resource, forged.outcome, forged.status, forged.requestId, forged.digest, forged.prevHash, hash],
      );
      await q.query('UPDATE audit_head SET seq = 11');
    });
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 5, reason: 'inserted' });
  });

  it('forged entry appended past the head: inserted', async () => {
    await asOwnerWithoutTriggers(async (q) => {
      const last = entries[9]!;
      const forged = { ...last, entryId: '0193a000-0000-7000-8000-00000000beef', prevHash: last.hash };
      await q.query(
        `INSERT INTO audit_log (seq, entry_id, at, client_id, action, resource, outcome, status, request_id, digest, prev_hash, hash)
         VALUES (11, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [forged.entryId, forged.at, forged.clientId, forged.action, forged.resource, forged.outcome, forged.status, forged.requestId, forged.digest, forged.prevHash, entryHash(forged.prevHash, forged)],
      );
    });
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 11, reason: 'inserted' });
  });

  it('last entry altered and re-hashed: head-mismatch', async () => {
    await asOwnerWithoutTriggers(async (q) => {
      const e = { ...entries[9]!, resource: 'enriched-records/other' };
      await q.query(`UPDATE audit_log SET resource = $1, hash = $2 WHERE seq = 10`, [e.resource, entryHash(e.prevHash, e)]);
    });
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 10, reason: 'head-mismatch' });
  });

  it('whole chain re-hashed from an entry on: caught only by an anchor', async () => {
    const anchor = { seq: 8, hash: await hashOf(8) };
    await asOwnerWithoutTriggers(async (q) => {
      let prev = entries[3]!.hash;
      for (const e of entries.slice(4)) {
        const changed = { ...e, clientId: e.seq === 5 ? 'someone-else' : e.clientId, prevHash: prev };
        const hash = entryHash(prev, changed);
        await q.query('UPDATE audit_log SET client_id = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [changed.clientId, prev, hash, e.seq]);
        prev = hash;
      }
      await q.query('UPDATE audit_head SET hash = $1', [prev]);
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect((await verifyAuditChain(db, { anchors: [anchor] })).firstBreak).toMatchObject({ seq: 8, reason: 'anchor-mismatch' });
  });

  it('checks a range, linking its first entry to the one before', async () => {
    expect(await verifyAuditChain(db, { from: 4, to: 6 })).toMatchObject({ ok: true, checked: 3, firstSeq: 4, lastSeq: 6 });
    await asOwnerWithoutTriggers((q) => q.query(`UPDATE audit_log SET action = 'x.y' WHERE seq = 5`).then(() => undefined));
    expect((await verifyAuditChain(db, { from: 4, to: 6 })).firstBreak).toMatchObject({ seq: 5, reason: 'hash-mismatch' });
    expect((await verifyAuditChain(db, { from: 6 })).ok).toBe(true);
  });

  it('pages through the log in batches', async () => {
    expect(await verifyAuditChain(db, { batchSize: 3 })).toMatchObject({ ok: true, checked: 10 });
    await asOwnerWithoutTriggers((q) => q.query('DELETE FROM audit_log WHERE seq = 7').then(() => undefined));
    expect((await verifyAuditChain(db, { batchSize: 3 })).firstBreak).toMatchObject({ seq: 7, reason: 'gap' });
  });

  describe('npm run cli -- audit verify', () => {
    async function cli(...args: string[]): Promise<{ lines: string[]; exitCode: number }> {
      const lines: string[] = [];
      let exitCode = 0;
      const program = new Command('millwright').exitOverride();
      registerAuditCommands(program, async () => ({ db, close: async () => undefined }), (l) => lines.push(l), (c) => (exitCode = c));
      await program.parseAsync(['node', 'millwright', ...args]);
      return { lines, exitCode };
    }

    it('says the log is intact and prints an anchor', async () => {
      const { lines, exitCode } = await cli('audit', 'verify');
      expect(exitCode).toBe(0);
      expect(lines[0]).toBe('audit log intact: 10 entries checked (seq 1..10)');
      expect(lines[1]).toBe(`anchor: 10:${entries[9]!.hash} (record it elsewhere; pass it back with --anchor)`);
    });

    it('names the broken seq and the kind of break, and exits non-zero', async () => {
      await asOwnerWithoutTriggers((q) => q.query('DELETE FROM audit_log WHERE seq = 3').then(() => undefined));
      const { lines, exitCode } = await cli('audit', 'verify');
      expect(exitCode).toBe(1);
      expect(lines[0]).toBe('audit log BROKEN at seq 3: gap');
      expect(lines[1]).toBe('  entry 3 is missing');
    });

    it('takes anchors and prints JSON', async () => {
      const anchor = `9:${await hashOf(9)}`;
      await asOwnerWithoutTriggers(async (q) => {
        await q.query('DELETE FROM audit_log WHERE seq > 8');
        await q.query('UPDATE audit_head SET seq = 8, hash = $1', [entries[7]!.hash]);
      });
      const { lines, exitCode } = await cli('audit', 'verify', '--anchor', anchor, '--json');
      expect(exitCode).toBe(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ ok: false, firstBreak: { seq: 9, reason: 'truncated' } });
    });

    it('says how many entries are not sealed yet, and seals them', async () => {
      await trail.recordRead({ action: 'enriched-record.read', resource: 'enriched-records/late', outcome: 'success', clientId: 'c' });
      const verify = await cli('audit', 'verify');
      expect(verify.exitCode).toBe(0);
      expect(verify.lines[2]).toMatch(/^1 entries not yet sealed into the chain/);
      expect((await cli('audit', 'seal')).lines).toEqual(['sealed 1 entries']);
      expect((await cli('audit', 'verify')).lines[0]).toBe('audit log intact: 11 entries checked (seq 1..11)');
    });

    it('prints the head and the grant SQL', async () => {
      expect((await cli('audit', 'head')).lines).toEqual([`10:${entries[9]!.hash}`]);
      expect((await cli('audit', 'grant-app-role', APP_ROLE, '--print')).lines).toContain(`GRANT SELECT, INSERT ON audit_log TO ${APP_ROLE};`);
    });
  });
});
