import { type DataClass, type DetectableClass, placeholderFor } from './data-classes';
import {
  applyOperator,
  describeOperator,
  type OperatorName,
  type OperatorSpec,
  type PrivacyKeys,
  type ValueOperatorSpec,
} from './operators';
import { detectPii, type DetectOptions, type PiiEntity } from './pii-detector';
import type { PolicyRule, PrivacyPolicy } from './policy/policy.types';
import type { PrivacyContext } from './privacy-context';

export interface AppliedEntity {
  type: DetectableClass;
  /** Offsets into the ORIGINAL text. */
  start: number;
  end: number;
  op: OperatorName;
}

export interface MaskedText {
  text: string;
  entities: AppliedEntity[];
}

export interface MaskedValue {
  /** `undefined` when denied: the caller must drop the field. */
  value: string | undefined;
  denied: boolean;
  op: OperatorName;
  reason: string;
  /** For free text under `detect`: what was found and what was done to it. */
  entities?: AppliedEntity[];
}

export interface MaskReport {
  path: string;
  dataClass: DataClass;
  op: OperatorName;
  reason: string;
}

export interface MaskedRecord<T> {
  value: T;
  masked: MaskReport[];
}

export interface ResolvedRule {
  spec: OperatorSpec;
  reason: string;
}

/** Classes stripped from every log line and error message, whoever the caller is. */
export const LOG_REDACTED_CLASSES: readonly DetectableClass[] = [
  'national_id',
  'phone',
  'email',
  'bank_account',
  'person_name',
  'address',
];

const DENY: ValueOperatorSpec = { op: 'deny' };

/**
 * Applies the privacy policy to values, free text and records for one (role, purpose) context.
 * Anything the policy does not grant explicitly is denied.
 */
export class Masker {
  private readonly rules = new Map<string, PolicyRule>();
  private readonly detectOptions: DetectOptions;

  constructor(
    readonly policy: PrivacyPolicy,
    private readonly keys: PrivacyKeys,
  ) {
    for (const rule of policy.rules) this.rules.set(ruleKey(rule.role, rule.purpose), rule);
    this.detectOptions = { minScore: policy.detection.minScore };
  }

  /** The operator that applies to `dataClass` in `ctx`, with the human-readable reason. */
  ruleFor(dataClass: DataClass, ctx: PrivacyContext): ResolvedRule {
    const who = `role=${ctx.role ?? '-'} purpose=${ctx.purpose ?? '-'}`;
    if (ctx.role === null || ctx.purpose === null) {
      return { spec: DENY, reason: `default deny (${who}: no role/purpose resolved) class=${dataClass}` };
    }
    const rule = this.rules.get(ruleKey(ctx.role, ctx.purpose));
    if (!rule) return { spec: DENY, reason: `default deny (${who}: no rule) class=${dataClass}` };
    const spec = rule.classes[dataClass];
    if (!spec) return { spec: DENY, reason: `default deny (${who}: class=${dataClass} not in rule)` };
    return { spec, reason: `${who} class=${dataClass} -> ${describeOperator(spec)}` };
  }

  canSee(dataClass: DataClass, ctx: PrivacyContext): boolean {
    return this.ruleFor(dataClass, ctx).spec.op === 'show';
  }

  /** Detects PII with the policy's score threshold. */
  detect(text: string): PiiEntity[] {
    return detectPii(text, this.detectOptions);
  }

  maskValue(dataClass: DataClass, value: string, ctx: PrivacyContext): MaskedValue {
    const { spec, reason } = this.ruleFor(dataClass, ctx);
    if (spec.op === 'detect') {
      const masked = this.maskText(value, ctx);
      return { value: masked.text, denied: false, op: 'detect', reason, entities: masked.entities };
    }
    const result = applyOperator(spec, dataClass, value, this.keys);
    return result.kind === 'denied'
      ? { value: undefined, denied: true, op: 'deny', reason }
      : { value: result.value, denied: false, op: spec.op, reason };
  }

  /**
   * Detects PII in `text` and applies each entity's own class rule. A denied entity cannot be removed
   * from the middle of a sentence, so it becomes its `<TYPE>` placeholder. The free_text rule itself
   * (whether the text may leave at all) is `maskValue('free_text', ...)`'s business.
   */
  maskText(text: string, ctx: PrivacyContext): MaskedText {
    const entities = this.detect(text);
    const applied: AppliedEntity[] = [];
    let out = '';
    let cursor = 0;
    for (const e of entities) {
      const { spec } = this.ruleFor(e.type, ctx);
      // Validation keeps `detect` off entity classes; treat it as deny should a policy slip through.
      const valueSpec: ValueOperatorSpec = spec.op === 'detect' ? DENY : spec;
      const result = applyOperator(valueSpec, e.type, e.text, this.keys);
      out += text.slice(cursor, e.start) + (result.kind === 'denied' ? placeholderFor(e.type) : result.value);
      cursor = e.end;
      applied.push({ type: e.type, start: e.start, end: e.end, op: valueSpec.op });
    }
    return { text: out + text.slice(cursor), entities: applied };
  }

  /**
   * Returns a masked deep copy of `record`. `fieldClasses` maps paths to classes: `customer.phone`,
   * `items[*].inspector` (or `items.*.inspector`), `contacts[0].email`. A denied field is removed
   * (array elements become null so indices hold). An object or array at a classified path has
   * every string or number leaf inside it masked with that class.
   */
  maskRecord<T>(record: T, fieldClasses: Readonly<Record<string, DataClass>>, ctx: PrivacyContext): MaskedRecord<T> {
    // A holder object lets the walk replace or delete at any depth, the root included.
    const holder: Record<string, unknown> = { root: structuredClone(record) };
    const masked: MaskReport[] = [];
    for (const [path, dataClass] of Object.entries(fieldClasses)) {
      this.walk(holder, 'root', ['root', ...parsePath(path)], '', dataClass, ctx, masked);
    }
    return { value: holder['root'] as T, masked };
  }

  /** Replaces detected personal data with `<TYPE>`, for log lines and error messages, whatever the caller's role. */
  redactForLogs(text: string): string {
    const entities = detectPii(text, { ...this.detectOptions, classes: LOG_REDACTED_CLASSES });
    return replaceEntities(text, entities);
  }

  /** `redactForLogs` over every string inside a log object (keys kept, cycles and depth bounded). */
  redactDeepForLogs<T>(value: T): T {
    return redactDeep(value, (s) => this.redactForLogs(s), new WeakMap(), 0) as T;
  }

  private walk(
    parent: Record<string, unknown> | unknown[],
    key: string | number,
    segments: string[],
    shownPath: string,
    dataClass: DataClass,
    ctx: PrivacyContext,
    masked: MaskReport[],
  ): void {
    const [, ...rest] = segments;
    const current = (parent as Record<string | number, unknown>)[key];
    const here = shownPath;
    if (rest.length === 0) {
      this.maskField(parent, key, current, here, dataClass, ctx, masked);
      return;
    }
    const next = rest[0] as string;
    if (current === null || typeof current !== 'object') return;
    if (next === '*') {
      if (Array.isArray(current)) {
        current.forEach((_, i) => this.walk(current, i, rest, `${here}[${i}]`, dataClass, ctx, masked));
      } else {
        for (const k of Object.keys(current)) this.walk(current as Record<string, unknown>, k, rest, joinPath(here, k), dataClass, ctx, masked);
      }
      return;
    }
    if (Array.isArray(current)) {
      const i = Number(next);
      if (Number.isInteger(i) && i >= 0 && i < current.length) this.walk(current, i, rest, `${here}[${i}]`, dataClass, ctx, masked);
      return;
    }
    if (Object.prototype.hasOwnProperty.call(current, next)) {
      this.walk(current as Record<string, unknown>, next, rest, joinPath(here, next), dataClass, ctx, masked);
    }
  }

  private maskField(
    parent: Record<string, unknown> | unknown[],
    key: string | number,
    current: unknown,
    path: string,
    dataClass: DataClass,
    ctx: PrivacyContext,
    masked: MaskReport[],
  ): void {
    if (current === null || current === undefined) return;
    const { spec, reason } = this.ruleFor(dataClass, ctx);
    if (spec.op === 'deny') {
      if (Array.isArray(parent)) parent[key as number] = null;
      else delete parent[key as string];
      masked.push({ path, dataClass, op: 'deny', reason });
      return;
    }
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'bigint') {
      const result = this.maskValue(dataClass, String(current), ctx);
      // `show` keeps the original type; anything else is a string token by nature.
      if (spec.op !== 'show') (parent as Record<string | number, unknown>)[key] = result.value;
      masked.push({ path, dataClass, op: result.op, reason });
      return;
    }
    if (typeof current === 'object') {
      const container = current as Record<string, unknown> | unknown[];
      const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
      for (const k of keys) {
        const childPath = typeof k === 'number' ? `${path}[${k}]` : joinPath(path, k);
        this.maskField(container, k, (container as Record<string | number, unknown>)[k], childPath, dataClass, ctx, masked);
      }
    }
    // Booleans carry no personal data worth a token; they pass through.
  }
}

function ruleKey(role: string, purpose: string): string {
  return `${role}\u0000${purpose}`;
}

function joinPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

/** `a.b[*].c` / `a.b.*.c` / `a[0].c` into segments; `[]` and `[*]` both mean "every element". */
export function parsePath(path: string): string[] {
  const segments: string[] = [];
  for (const part of path.split('.')) {
    const re = /([^[\]]+)|\[(\*|\d*)\]/g;
    for (const m of part.matchAll(re)) {
      if (m[1] !== undefined) segments.push(m[1]);
      else segments.push(m[2] === '' || m[2] === undefined ? '*' : m[2]);
    }
  }
  return segments;
}

export function replaceEntities(text: string, entities: readonly PiiEntity[]): string {
  let out = '';
  let cursor = 0;
  for (const e of entities) {
    out += text.slice(cursor, e.start) + placeholderFor(e.type);
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

const MAX_LOG_DEPTH = 12;

function redactDeep(value: unknown, redact: (s: string) => string, seen: WeakMap<object, unknown>, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_LOG_DEPTH) return '[depth limit]';
  const cached = seen.get(value);
  if (cached !== undefined) return cached;
  if (value instanceof Error) {
    const copy = { name: value.name, message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
    seen.set(value, copy);
    return copy;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const v of value) copy.push(redactDeep(v, redact, seen, depth + 1));
    return copy;
  }
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [k, v] of Object.entries(value)) copy[k] = redactDeep(v, redact, seen, depth + 1);
  return copy;
}
