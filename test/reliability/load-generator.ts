import { randomUUID } from 'node:crypto';
import { productionOrderBody } from '@mw/testing';

/**
 * A bounded mixed load against the API replicas (127.0.0.1 only). Every logical write has one
 * Idempotency-Key for its whole life: network errors, 503, 429 and "key in progress" are retried
 * with the same key and body (on the next replica after a network error), the way a well-behaved
 * client would. Every acknowledged (2xx) write is recorded so the invariant check can prove it
 * exists exactly once.
 */
export interface LoadOptions {
  targets: () => string[];
  token: () => string;
  /** Operations started per second (open loop, shed when maxInFlight is reached). */
  rate: number;
  maxInFlight: number;
  features: { extract: boolean; inspections: boolean; feed: boolean };
  /** How long one logical write keeps retrying before it is abandoned. */
  retryForMs?: number;
  /** Hard stop for the generator, whatever the test does. */
  maxRunMs?: number;
}

export interface TrackedOrder {
  id: string;
  orderNumber: string;
  status: string;
  version: number;
  confirmations: number;
  busy: boolean;
}

export interface Finding {
  op: string;
  status: number | 'network' | 'timeout';
  detail: string;
}

export type Op = 'create' | 'release' | 'start' | 'confirm' | 'inspection' | 'get' | 'list' | 'listConfirmations' | 'extract' | 'feed';

const REQUEST_TIMEOUT_MS = 30_000;
const INSPECTION_TEXT = 'Inspection of order 4700012345, part HX-2210, lot L23-118: 5 pcs scratched, severity major, disposition rework.';

export interface Counters {
  started: number;
  completed: number;
  shed: number;
  requests: number;
  byStatus: Record<string, number>;
  byOp: Record<string, number>;
  ackedWrites: number;
  retries: number;
  unavailable503: number;
  networkErrors: number;
}

export class LoadGenerator {
  readonly orders = new Map<string, TrackedOrder>();
  readonly confirmations = new Map<string, string>();
  readonly inspections = new Set<string>();
  /** Logical writes that never got a 2xx within retryForMs: each may exist at most once. */
  readonly abandoned: { op: Op; key: string; orderNumber?: string; last: string }[] = [];
  /** Answers that should never happen: a 5xx other than 503, a non-problem 503, an unexpected 4xx, a hang. */
  readonly findings: Finding[] = [];
  /** Durations of 503 answers (ms), to show they fail fast. */
  readonly unavailableMs: number[] = [];
  readonly counters: Counters = { started: 0, completed: 0, shed: 0, requests: 0, byStatus: {}, byOp: {}, ackedWrites: 0, retries: 0, unavailable503: 0, networkErrors: 0 };

  private readonly byStatus = new Map<string, string[]>();
  private inFlight = 0;
  private running: Promise<void> | undefined;
  private stopping = false;
  private rr = 0;
  private readonly bornAt = Date.now();
  private readonly weights: [Op, number][];

  constructor(private readonly options: LoadOptions) {
    const f = options.features;
    this.weights = (
      [
        ['create', 22],
        ['release', 8],
        ['start', 8],
        ['confirm', 17],
        ['get', 20],
        ['list', 8],
        ['listConfirmations', 5],
        ['extract', f.extract ? 4 : 0],
        ['inspection', f.inspections ? 3 : 0],
        ['feed', f.feed ? 5 : 0],
      ] as [Op, number][]
    ).filter(([, w]) => w > 0);
  }

  get rate(): number {
    return this.options.rate;
  }

  set rate(value: number) {
    this.options.rate = value;
  }

  /** Starts issuing operations; returns at once. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Stops issuing and waits for every operation in flight (including its retries) to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
    while (this.inFlight > 0) await sleep(20);
  }

  snapshot(): Counters {
    return structuredClone(this.counters);
  }

  private async loop(): Promise<void> {
    const startedAt = Date.now();
    let issued = 0;
    const hardStop = this.bornAt + (this.options.maxRunMs ?? 20 * 60_000);
    while (!this.stopping && Date.now() < hardStop) {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * this.options.rate);
      while (issued < due && this.inFlight < this.options.maxInFlight) {
        issued++;
        this.launch(this.pickOp());
      }
      if (issued < due) {
        this.counters.shed += due - issued;
        issued = due;
      }
      await sleep(5);
    }
  }

  private pickOp(): Op {
    const total = this.weights.reduce((s, [, w]) => s + w, 0);
    let r = Math.random() * total;
    for (const [op, w] of this.weights) {
      r -= w;
      if (r < 0) return op;
    }
    return 'get';
  }

  private launch(op: Op): void {
    this.inFlight++;
    this.counters.started++;
    this.counters.byOp[op] = (this.counters.byOp[op] ?? 0) + 1;
    this.run(op)
      .catch((error: unknown) => this.findings.push({ op, status: 'network', detail: `generator error: ${String(error)}` }))
      .finally(() => {
        this.inFlight--;
        this.counters.completed++;
      });
  }

  private async run(op: Op): Promise<void> {
    switch (op) {
      case 'create':
        return this.create();
      case 'release':
        return this.transition('CREATED', 'release');
      case 'start':
        return this.transition('RELEASED', 'start');
      case 'confirm':
        return this.confirm();
      case 'inspection':
        return this.inspection();
      case 'get': {
        const o = this.anyOrder();
        if (o) await this.read(op, `/v1/production-orders/${o.id}`);
        return;
      }
      case 'list':
        return this.read(op, '/v1/production-orders?plant=P100&limit=20');
      case 'listConfirmations': {
        const o = this.anyOrder();
        if (o) await this.read(op, `/v1/production-orders/${o.id}/confirmations`);
        return;
      }
      case 'extract':
        return this.read(op, '/v1/extract', { kind: 'inspection', text: INSPECTION_TEXT });
      case 'feed':
        return this.read(op, '/v1/enriched-records?limit=20');
    }
  }

  private async create(): Promise<void> {
    const body = productionOrderBody();
    const key = randomUUID();
    const res = await this.write('create', 'POST', '/v1/production-orders', body, key, 201);
    if (!res) {
      this.abandoned.push({ op: 'create', key, orderNumber: String(body.orderNumber), last: 'no 2xx' });
      return;
    }
    const o = res as { id: string; orderNumber: string; status: string; version: number };
    this.track({ id: o.id, orderNumber: o.orderNumber, status: o.status, version: o.version, confirmations: 0, busy: false });
  }

  private async transition(from: string, action: 'release' | 'start'): Promise<void> {
    const o = this.take(from);
    if (!o) return;
    try {
      const key = randomUUID();
      const res = (await this.write(action, 'POST', `/v1/production-orders/${o.id}/${action}`, undefined, key, 200)) as { status: string; version: number } | undefined;
      if (!res) {
        this.abandoned.push({ op: action, key, last: o.id });
        return;
      }
      o.status = res.status;
      o.version = res.version;
      this.index(o);
    } finally {
      o.busy = false;
    }
  }

  private async confirm(): Promise<void> {
    const o = this.take('IN_PROGRESS');
    if (!o) return;
    try {
      if (o.confirmations >= 400) return; // quantity 500, yield 1 each: stay below over-confirmation
      const key = randomUUID();
      const res = (await this.write('confirm', 'POST', `/v1/production-orders/${o.id}/confirmations`, { operation: 10, yield: 1, reportedBy: 'rel-load' }, key, 201)) as { id: string } | undefined;
      if (!res) {
        this.abandoned.push({ op: 'confirm', key, last: o.id });
        return;
      }
      o.confirmations++;
      o.version++; // a confirmation moves the order's version too
      this.confirmations.set(res.id, o.id);
    } finally {
      o.busy = false;
    }
  }

  private async inspection(): Promise<void> {
    const key = randomUUID();
    const res = (await this.write('inspection', 'POST', '/v1/inspection-reports', { text: INSPECTION_TEXT, plant: 'P100', source: 'rel-load' }, key, 201)) as { id: string } | undefined;
    if (!res) {
      this.abandoned.push({ op: 'inspection', key, last: 'no 2xx' });
      return;
    }
    this.inspections.add(res.id);
  }

  /** One logical write: same key and body on every attempt until a 2xx, a final 4xx or the deadline. */
  private async write(op: Op, method: string, path: string, body: unknown, key: string, expected: number): Promise<unknown> {
    const deadline = Date.now() + (this.options.retryForMs ?? 90_000);
    for (let attempt = 0; ; attempt++) {
      const r = await this.request(op, method, path, body, key);
      if (r.status === expected) {
        this.counters.ackedWrites++;
        return r.json;
      }
      const retryable = r.status === 'network' || r.status === 503 || r.status === 429 || (r.status === 409 && r.type.endsWith('/idempotency-key-in-progress'));
      if (!retryable) {
        this.findings.push({ op, status: r.status, detail: `${method} ${path}: ${r.text.slice(0, 300)}` });
        return undefined;
      }
      if (Date.now() > deadline || this.stoppingHard()) return undefined;
      this.counters.retries++;
      await sleep(Math.min(r.retryAfterMs ?? Infinity, Math.min(1000, 50 * 2 ** attempt)));
    }
  }

  private async read(op: Op, path: string, body?: unknown): Promise<void> {
    const r = await this.request(op, body === undefined ? 'GET' : 'POST', path, body, undefined);
    // Reads are not retried: a 503 (database away, extraction queue full) is an answer, not a loss.
    if (r.status === 200 || r.status === 503 || r.status === 'network') return;
    this.findings.push({ op, status: r.status, detail: `${path}: ${r.text.slice(0, 300)}` });
  }

  private async request(op: Op, method: string, path: string, body: unknown, key: string | undefined): Promise<{ status: number | 'network'; json: unknown; text: string; type: string; retryAfterMs?: number }> {
    const targets = this.options.targets();
    const base = targets[this.rr++ % Math.max(1, targets.length)];
    this.counters.requests++;
    const started = Date.now();
    if (base === undefined) {
      await sleep(100);
      return { status: 'network', json: undefined, text: 'no target up', type: '' };
    }
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key === undefined ? {} : { 'idempotency-key': key }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      if (timedOut) this.findings.push({ op, status: 'timeout', detail: `${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms` });
      this.counters.networkErrors++;
      this.bump('network');
      return { status: 'network', json: undefined, text: String(error), type: '' };
    }
    const text = await res.text().catch(() => '');
    const ms = Date.now() - started;
    this.bump(String(res.status));
    let json: unknown;
    let type = '';
    try {
      json = JSON.parse(text);
      type = typeof (json as { type?: unknown }).type === 'string' ? (json as { type: string }).type : '';
    } catch {
      json = undefined;
    }
    if (res.status >= 500) {
      const problem = (res.headers.get('content-type') ?? '').includes('application/problem+json');
      if (res.status !== 503 || !problem) this.findings.push({ op, status: res.status, detail: `${method} ${path} (${res.headers.get('content-type')}): ${text.slice(0, 300)}` });
      if (res.status === 503) {
        this.counters.unavailable503++;
        this.unavailableMs.push(ms);
      }
    }
    const ra = Number(res.headers.get('retry-after'));
    return { status: res.status, json, text, type, retryAfterMs: Number.isFinite(ra) && ra > 0 ? Math.min(2000, ra * 1000) : undefined };
  }

  private stoppingHard(): boolean {
    return Date.now() > this.bornAt + (this.options.maxRunMs ?? 20 * 60_000);
  }

  private bump(status: string): void {
    this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
  }

  /** An order acknowledged outside the generator (fault probes): the invariant check counts it too. */
  adopt(o: { id: string; orderNumber: string; status: string; version: number }): void {
    this.counters.ackedWrites++;
    this.track({ ...o, confirmations: 0, busy: false });
  }

  private track(o: TrackedOrder): void {
    this.orders.set(o.id, o);
    this.index(o);
  }

  private index(o: TrackedOrder): void {
    const list = this.byStatus.get(o.status) ?? [];
    list.push(o.id);
    this.byStatus.set(o.status, list);
  }

  /** Checks out an idle order in `status` so no two operations race on it. */
  private take(status: string): TrackedOrder | undefined {
    const list = this.byStatus.get(status);
    if (!list) return undefined;
    for (let i = 0; i < 6 && list.length > 0; i++) {
      const at = Math.floor(Math.random() * list.length);
      const o = this.orders.get(list[at]!);
      if (!o || o.status !== status) {
        list[at] = list[list.length - 1]!;
        list.pop();
        continue;
      }
      if (o.busy) continue;
      o.busy = true;
      return o;
    }
    return undefined;
  }

  private anyOrder(): TrackedOrder | undefined {
    const all = [...this.byStatus.values()].filter((l) => l.length > 0);
    const pick = all[Math.floor(Math.random() * all.length)];
    if (!pick) return undefined;
    return this.orders.get(pick[Math.floor(Math.random() * pick.length)]!);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
