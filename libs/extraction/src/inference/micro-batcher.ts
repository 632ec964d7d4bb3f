/**
 * Dynamic micro-batching: callers submit single items, the batcher runs them in batches. A batch
 * starts at once when nothing is running (a lone request pays no delay); while batches run, when
 * `maxBatch` items wait or the oldest has waited `maxDelayMs`, whichever is first, and only while
 * fewer than `concurrency` batches run, so under load the queue grows into full batches by itself. Items are grouped by a length bucket so a batch pads to similar lengths. The queue is
 * bounded: a submit that would overflow it fails with `QueueFullError` instead of growing memory.
 */

export interface BatcherOptions {
  maxBatch: number;
  maxDelayMs: number;
  /** Items waiting (not yet running) beyond which submits are refused. */
  maxQueue: number;
  /** Batches that may run at the same time (one per worker thread). */
  concurrency: number;
}

export interface BatcherHooks {
  /** Called after every batch with its size and run time, for metrics. */
  onBatch?: (size: number, ms: number) => void;
}

export type BatchRunner<I, O> = (items: I[]) => Promise<O[]>;

export class QueueFullError extends Error {
  constructor(
    readonly depth: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`inference queue full (${depth} waiting)`);
    this.name = 'QueueFullError';
  }
}

interface Pending<I, O> {
  item: I;
  bucket: number;
  enqueuedAt: number;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class MicroBatcher<I, O> {
  /** One FIFO per length bucket. */
  private readonly buckets = new Map<number, Pending<I, O>[]>();
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private closed = false;
  /** The batches running now, each settling once its items are resolved or rejected. */
  private readonly running = new Set<Promise<void>>();
  /** Exponential average of items finished per millisecond, for Retry-After. */
  private throughput = 0;

  constructor(
    private readonly runner: BatchRunner<I, O>,
    private readonly options: BatcherOptions,
    private readonly bucketOf: (item: I) => number = () => 0,
    private readonly hooks: BatcherHooks = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    if (options.maxBatch < 1 || options.concurrency < 1 || options.maxQueue < 1) throw new Error('maxBatch, concurrency and maxQueue must be >= 1');
  }

  /** Items waiting for a batch (not counting running ones). */
  get depth(): number {
    return this.waiting;
  }

  /** Batches running now. */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Queues the items of one request together: either all are admitted or none. A request larger
   * than the whole queue is still admitted when the queue is empty, or it could never run.
   */
  submitAll(items: readonly I[]): Promise<O>[] {
    if (this.closed) throw new Error('batcher closed');
    if (this.waiting > 0 && this.waiting + items.length > this.options.maxQueue) {
      throw new QueueFullError(this.waiting, this.retryAfterSeconds());
    }
    const t = this.now();
    const promises = items.map(
      (item) =>
        new Promise<O>((resolve, reject) => {
          const bucket = this.bucketOf(item);
          let q = this.buckets.get(bucket);
          if (q === undefined) {
            q = [];
            this.buckets.set(bucket, q);
          }
          q.push({ item, bucket, enqueuedAt: t, resolve, reject });
          this.waiting++;
        }),
    );
    this.pump();
    return promises;
  }

  submit(item: I): Promise<O> {
    return this.submitAll([item])[0] as Promise<O>;
  }

  /** Seconds a refused caller should wait: the queue's drain time at the recent rate, 1..30. */
  retryAfterSeconds(): number {
    if (this.throughput <= 0) return 1;
    return Math.min(30, Math.max(1, Math.ceil(this.waiting / this.throughput / 1000)));
  }

  /** Resolves once no batch is running (after close(), once the running ones have finished). */
  async drained(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Fails everything still waiting; running batches finish. */
  close(reason: Error = new Error('batcher closed')): void {
    this.closed = true;
    this.clearTimer();
    for (const q of this.buckets.values()) for (const p of q.splice(0)) p.reject(reason);
    this.waiting = 0;
  }

  private oldest(): Pending<I, O> | undefined {
    let best: Pending<I, O> | undefined;
    for (const q of this.buckets.values()) {
      const head = q[0];
      if (head !== undefined && (best === undefined || head.enqueuedAt < best.enqueuedAt)) best = head;
    }
    return best;
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency && this.waiting > 0) {
      const batch = this.take();
      if (batch === undefined) break;
      this.launch(batch);
    }
    this.schedule();
  }

  /** The next batch if one is due: a full bucket first, else everything once enough waits or the oldest is overdue. */
  private take(): Pending<I, O>[] | undefined {
    const { maxBatch, maxDelayMs } = this.options;
    for (const q of this.buckets.values()) if (q.length >= maxBatch) return q.splice(0, maxBatch);
    const oldest = this.oldest();
    if (oldest === undefined) return undefined;
    // An idle pool runs at once: waiting for company only pays while other batches keep workers busy.
    if (this.running.size > 0 && this.waiting < maxBatch && this.now() - oldest.enqueuedAt < maxDelayMs) return undefined;
    // The oldest item's bucket first, then the nearest buckets, so padding stays small.
    const order = [...this.buckets.keys()].sort((a, b) => Math.abs(a - oldest.bucket) - Math.abs(b - oldest.bucket) || a - b);
    const batch: Pending<I, O>[] = [];
    for (const b of order) {
      const q = this.buckets.get(b) as Pending<I, O>[];
      batch.push(...q.splice(0, maxBatch - batch.length));
      if (batch.length >= maxBatch) break;
    }
    return batch;
  }

  private launch(batch: Pending<I, O>[]): void {
    this.waiting -= batch.length;
    const started = this.now();
    let outputs: Promise<O[]>;
    try {
      outputs = this.runner(batch.map((p) => p.item));
    } catch (error) {
      outputs = Promise.reject(error);
    }
    const settled = outputs
      .then(
        (out) => {
          batch.forEach((p, i) => (i < out.length ? p.resolve(out[i] as O) : p.reject(new Error('runner returned too few outputs'))));
        },
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        const ms = this.now() - started;
        this.running.delete(settled);
        const rate = batch.length / Math.max(ms, 0.001);
        this.throughput = this.throughput === 0 ? rate : 0.8 * this.throughput + 0.2 * rate;
        try {
          this.hooks.onBatch?.(batch.length, ms);
        } catch {
          // metrics must never break inference
        }
        if (!this.closed) this.pump();
      });
    this.running.add(settled);
  }

  private schedule(): void {
    const oldest = this.oldest();
    if (oldest === undefined || this.running.size >= this.options.concurrency || this.closed) {
      this.clearTimer();
      return;
    }
    const due = oldest.enqueuedAt + this.options.maxDelayMs;
    if (this.timer !== undefined && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerDue = Infinity;
        this.pump();
      },
      Math.max(0, due - this.now()),
    );
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }
}
