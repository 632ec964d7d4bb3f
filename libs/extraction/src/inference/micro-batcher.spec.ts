import { vi } from 'vitest';
import { MicroBatcher, QueueFullError, type BatcherOptions } from './micro-batcher';

/** A runner that records every batch and finishes it only when the test says so. */
function controlledRunner() {
  const batches: { items: string[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const run = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((i) => i.toUpperCase())), fail: reject });
    });
  return { batches, run };
}

const flush = () => new Promise<void>((r) => process.nextTick(r));

describe('MicroBatcher', () => {
  let clock = 0;
  const now = () => clock;
  const make = (run: (items: string[]) => Promise<string[]>, opts: Partial<BatcherOptions> = {}, bucketOf?: (s: string) => number) =>
    new MicroBatcher<string, string>(run, { maxBatch: 4, maxDelayMs: 5, maxQueue: 8, concurrency: 1, ...opts }, bucketOf, {}, now);

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('an idle pool runs a lone item at once: no delay at low load', async () => {
    const r = controlledRunner();
    const b = make(r.run);
    const p = b.submit('a');
    expect(r.batches.map((x) => x.items)).toEqual([['a']]);
    r.batches[0]!.finish();
    expect(await p).toBe('A');
  });

  it('after close, drained() waits for the batches still running, failed or not, and fails the queued ones', async () => {
    const r = controlledRunner();
    const b = make(r.run, { concurrency: 2, maxBatch: 1 });
    const running = [b.submit('a'), b.submit('b')];
    const queued = b.submit('c');
    b.close(new Error('shutting down'));
    await expect(queued).rejects.toThrow('shutting down');
    let drained = false;
    const d = b.drained().then(() => (drained = true));
    r.batches[0]!.finish();
    await flush();
    await flush();
    expect(drained).toBe(false);
    r.batches[1]!.fail(new Error('worker gone'));
    await d;
    expect(await running[0]).toBe('A');
    await expect(running[1]).rejects.toThrow('worker gone');
    expect(r.batches).toHaveLength(2);
  });

  it('drained() resolves at once when nothing runs', async () => {
    await make(controlledRunner().run).drained();
  });

  it('while a batch runs, a spare worker takes a batch as soon as it reaches the maximum size', async () => {
    const r = controlledRunner();
    const b = make(r.run, { concurrency: 2 });
    void b.submit('x'); // keeps one worker busy
    const results = ['a', 'b', 'c', 'd'].map((x) => b.submit(x));
    expect(r.batches.map((x) => x.items)).toEqual([['x'], ['a', 'b', 'c', 'd']]);
    r.batches[1]!.finish();
    expect(await Promise.all(results)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('while a batch runs, a spare worker takes a partial batch once the oldest item has waited the maximum delay', async () => {
    const r = controlledRunner();
    const b = make(r.run, { concurrency: 2 });
    void b.submit('x');
    const p = [b.submit('a'), b.submit('b')];
    clock = 4;
    vi.advanceTimersByTime(4);
    expect(r.batches).toHaveLength(1);
    clock = 5;
    vi.advanceTimersByTime(1);
    expect(r.batches.map((x) => x.items)).toEqual([['x'], ['a', 'b']]);
    r.batches[1]!.finish();
    expect(await Promise.all(p)).toEqual(['A', 'B']);
  });

  it('with maxBatch 1 every item runs alone (batching off)', () => {
    const r = controlledRunner();
    const b = make(r.run, { maxBatch: 1, concurrency: 2 });
    void b.submit('a');
    void b.submit('b');
    void b.submit('c');
    expect(r.batches.map((x) => x.items)).toEqual([['a'], ['b']]);
    expect(b.depth).toBe(1);
  });

  it('while the worker is busy the queue grows into the next batch, which starts when the worker frees', async () => {
    const r = controlledRunner();
    const b = make(r.run);
    void b.submit('a');
    clock = 5;
    vi.advanceTimersByTime(5);
    expect(r.batches).toHaveLength(1);
    for (const x of ['b', 'c', 'd']) void b.submit(x);
    clock = 50;
    vi.advanceTimersByTime(45);
    expect(r.batches).toHaveLength(1); // concurrency 1: nothing starts while a batch runs
    r.batches[0]!.finish();
    await flush();
    await flush();
    expect(r.batches.map((x) => x.items)).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('refuses with QueueFullError and a Retry-After once the queue is full, and accepts again after draining', async () => {
    const r = controlledRunner();
    const b = make(r.run, { maxBatch: 2, maxQueue: 3 });
    void b.submitAll(['a', 'b']); // batch 1 running
    const queued = ['c', 'd', 'e'].map((x) => b.submit(x));
    expect(b.depth).toBe(3);
    let refused: unknown;
    try {
      void b.submit('f');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(() => b.submitAll(['x', 'y'])).toThrow(QueueFullError);
    r.batches[0]!.finish();
    await flush();
    await flush();
    expect(b.depth).toBe(1); // [c, d] started
    expect(() => b.submit('g')).not.toThrow();
    r.batches[1]!.finish();
    expect(await Promise.all(queued.slice(0, 2))).toEqual(['C', 'D']);
  });

  it('admits one request larger than the whole queue when the queue is empty', () => {
    const r = controlledRunner();
    const b = make(r.run, { maxQueue: 2 });
    expect(() => b.submitAll(['a', 'b', 'c', 'd', 'e'])).not.toThrow();
    expect(r.batches.map((x) => x.items)).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('groups by length bucket: a full bucket runs first, a due batch takes the oldest bucket then the nearest', async () => {
    const r = controlledRunner();
    const b = make(r.run, { maxBatch: 3, concurrency: 1 }, (s) => s.length);
    void b.submitAll(['1', '2', '3']); // running
    for (const x of ['xx', 'zzzzz', 'y', 'w', 'v']) void b.submit(x);
    r.batches[0]!.finish();
    await flush();
    await flush();
    expect(r.batches[1]!.items).toEqual(['y', 'w', 'v']); // bucket 1 is full although 'xx' is older
    r.batches[1]!.finish();
    await flush();
    await flush();
    clock = 10;
    vi.advanceTimersByTime(10);
    expect(r.batches[2]!.items).toEqual(['xx', 'zzzzz']);
  });

  it('a failing batch rejects its items only; the batcher keeps serving', async () => {
    const r = controlledRunner();
    const b = make(r.run, { maxBatch: 2 });
    const bad = b.submitAll(['a', 'b']);
    r.batches[0]!.fail(new Error('boom'));
    await expect(bad[0]).rejects.toThrow('boom');
    await expect(bad[1]).rejects.toThrow('boom');
    const good = b.submitAll(['c', 'd']);
    await flush();
    r.batches[1]!.finish();
    expect(await Promise.all(good)).toEqual(['C', 'D']);
  });

  it('reports every batch to the metrics hook', async () => {
    const sizes: number[] = [];
    const b = new MicroBatcher<string, string>(async (items) => items, { maxBatch: 2, maxDelayMs: 5, maxQueue: 10, concurrency: 1 }, undefined, {
      onBatch: (size) => sizes.push(size),
    }, now);
    const all = Promise.all(b.submitAll(['a', 'b', 'c']));
    await flush();
    await flush();
    clock = 5;
    vi.advanceTimersByTime(5);
    expect(await all).toEqual(['a', 'b', 'c']);
    expect(sizes).toEqual([2, 1]);
  });
});
