import { loadConfig } from '@mw/config';
import type { Db } from '@mw/database';
import { InProcessMessageBus, OutgoingMessage } from '@mw/messaging';
import { OutboxRelay, OutboxWriter } from '@mw/outbox';
import { eventually, openMigratedDb } from '@mw/testing';

/** The in-process bus with a broker outage injected: publishes numbered in `failing` are refused. */
class RecordingBus extends InProcessMessageBus {
  readonly delivered: OutgoingMessage[] = [];
  calls = 0;
  constructor(private readonly failing: ReadonlySet<number> = new Set()) {
    super();
  }
  override async publish(messages: OutgoingMessage[]): Promise<void> {
    this.calls++;
    if (this.failing.has(this.calls)) throw new Error(`broker unavailable (publish ${this.calls})`);
    // Give the relay's read-ahead and "sent" mark time to overlap, as a broker round trip would.
    await new Promise((r) => setTimeout(r, 2));
    this.delivered.push(...messages);
  }
}

const KEYS = Array.from({ length: 17 }, (_, i) => `order-${i}`);
const seqOf = (m: OutgoingMessage): number => (JSON.parse(m.value) as { data: { seq: number } }).data.seq;

/**
 * The relay reads the next batch while the broker takes the current one and marks a batch sent
 * while the next is published. On both adapters: every row goes out, each key's events in the
 * order they were written, and a refused publish loses nothing.
 */
describe.each(['postgres', 'pglite'] as const)('outbox relay on %s', (kind) => {
  let db: Db;
  let close: () => Promise<void>;
  const writer = new OutboxWriter();
  const config = loadConfig({ DATABASE_URL: 'postgres://unused', LOG_LEVEL: 'silent', OUTBOX_BATCH_SIZE: '100', OUTBOX_POLL_INTERVAL_MS: '10' });
  let seq = 0;

  beforeAll(async () => {
    ({ db, close } = await openMigratedDb(kind));
  }, 120_000);
  afterAll(() => close());

  async function write(count: number): Promise<void> {
    for (let i = 0; i < count; i += 50) {
      const events = Array.from({ length: Math.min(50, count - i) }, () => {
        const s = seq++;
        return { topic: 'test.relay.v1', key: KEYS[s % KEYS.length] as string, type: 'test', subject: String(s), data: { seq: s } };
      });
      await db.tx((q) => writer.enqueue(q, events));
    }
  }

  async function drain(bus: RecordingBus, expected: number): Promise<void> {
    const relay = new OutboxRelay(db, bus, config);
    relay.start();
    try {
      const done = await eventually(async () => {
        const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`);
        return Number(row?.n) === 0 && new Set(bus.delivered.map(seqOf)).size === expected;
      }, 60_000, 20);
      expect(done).toBe(true);
    } finally {
      await relay.stop();
    }
  }

  /** First deliveries, per key, in the order the events were written. */
  function expectInOrderPerKey(bus: RecordingBus, expected: number): void {
    const first = new Map<number, number>();
    bus.delivered.forEach((m, i) => first.has(seqOf(m)) || first.set(seqOf(m), i));
    expect(first.size).toBe(expected);
    for (const key of KEYS) {
      const seqs = [...first.keys()].filter((s) => KEYS[s % KEYS.length] === key).sort((a, b) => (first.get(a) as number) - (first.get(b) as number));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  }

  it('drains a backlog of many batches once each, in order per key', async () => {
    await db.query(`DELETE FROM outbox`);
    const start = seq;
    await write(1234);
    const bus = new RecordingBus();
    await drain(bus, 1234);
    expect(bus.delivered).toHaveLength(1234); // no batch went out twice
    expect(bus.delivered.map(seqOf)).toEqual(Array.from({ length: 1234 }, (_, i) => start + i));
    expectInOrderPerKey(bus, 1234);
  }, 90_000);

  it('a refused publish mid-backlog loses nothing; the retry starts again from the oldest pending row', async () => {
    await db.query(`DELETE FROM outbox`);
    await write(950);
    const bus = new RecordingBus(new Set([3, 4, 7]));
    await drain(bus, 950);
    expectInOrderPerKey(bus, 950);
    const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE attempts > 0`);
    expect(Number(row?.n)).toBeGreaterThan(0); // the refused batches were counted against their rows
  }, 90_000);
});
