import { Db, UnitOfWork, uuidv7 } from '@mw/database';
import { openMigratedDb } from '@mw/testing';

/** Both adapters must behave alike: migrations apply, transactions commit or roll back, concurrent transactions do not interleave. */
describe.each(['postgres', 'pglite'] as const)('Db on %s', (kind) => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDb(kind));
  }, 120_000);
  afterAll(() => close());

  it('a deferred unit of work tells afterCommit listeners only once it has committed, never when rolled back', async () => {
    const uow = new UnitOfWork(db);
    for (const outcome of ['commit', 'abort'] as const) {
      const told: string[] = [];
      const captured = await UnitOfWork.capture(async () => {
        await uow.run(async (q) => q.query(`INSERT INTO inbox (consumer, event_id) VALUES ('t', $1)`, [uuidv7()]));
        uow.afterCommit(() => told.push('listener'));
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(told).toEqual([]);
      if (outcome === 'commit') await captured.uow.commit(async () => undefined);
      else await captured.uow.abort(new Error('idempotency write failed'));
      await new Promise((r) => setTimeout(r, 0));
      expect(told).toEqual(outcome === 'commit' ? ['listener'] : []);
    }
    // Outside a captured request, run has committed when it returns: the listener runs at once.
    const told: string[] = [];
    await uow.run(async (q) => q.query('SELECT 1'));
    uow.afterCommit(() => told.push('now'));
    expect(told).toEqual(['now']);
  });

  it('rolls back a failed transaction', async () => {
    const id = uuidv7();
    await expect(
      db.tx(async (q) => {
        await q.query(`INSERT INTO inbox (consumer, event_id) VALUES ('t', $1)`, [id]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [id])).toHaveLength(0);
  });

  it('keeps concurrent transactions apart', async () => {
    const ids = Array.from({ length: 20 }, () => uuidv7());
    await Promise.all(
      ids.map((id, i) =>
        db
          .tx(async (q) => {
            await q.query(`INSERT INTO inbox (consumer, event_id) VALUES ('c', $1)`, [id]);
            await new Promise((r) => setTimeout(r, 1));
            if (i % 2 === 1) throw new Error('odd');
          })
          .catch(() => undefined),
      ),
    );
    const rows = await db.query<{ event_id: string }>(`SELECT event_id FROM inbox WHERE consumer = 'c'`);
    expect(rows.map((r) => r.event_id).sort()).toEqual(ids.filter((_, i) => i % 2 === 0).sort());
  });
});
