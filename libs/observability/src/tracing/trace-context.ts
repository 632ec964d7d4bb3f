import {
  Context,
  context,
  createContextKey,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanOptions,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import { pooledRandomHex } from '@mw/identifiers';

/** What log lines need about the request a piece of work belongs to. */
export interface RequestInfo {
  requestId: string;
  /** Resolved lazily: the client is known only once the auth guard ran. */
  clientId(): string | undefined;
}

const REQUEST_INFO = createContextKey('millwright.request');

export function withRequestInfo(ctx: Context, info: RequestInfo): Context {
  return ctx.setValue(REQUEST_INFO, info);
}

export function requestInfo(ctx: Context = context.active()): RequestInfo | undefined {
  return ctx.getValue(REQUEST_INFO) as RequestInfo | undefined;
}

/** The parent context a W3C `traceparent`/`tracestate` pair describes (root when absent or malformed). */
export function extractContext(carrier: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, {
    get: (c, key) => c[key],
    keys: (c) => Object.keys(c),
  });
}

/** The active context as W3C headers: what the outbox writes into event headers. */
export function currentTraceHeaders(ctx: Context = context.active()): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return {
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
  };
}

export function traceIds(ctx: Context = context.active()): { traceId: string; spanId: string } | undefined {
  const sc = trace.getSpanContext(ctx);
  return sc && isSpanContextValid(sc) ? { traceId: sc.traceId, spanId: sc.spanId } : undefined;
}

let sdkEnabled = false;
export function markSdkEnabled(enabled: boolean): void {
  sdkEnabled = enabled;
}

/**
 * Starts a span under `parent`. With the SDK it is a real, exported span. Without it the API would
 * hand back the parent's own ids (or none), so a fresh span id is minted here instead, in the
 * parent's trace or a new one: every request and event then carries a traceparent and every log
 * line a trace id, at the cost of a few random bytes.
 */
export function startSpan(name: string, options: SpanOptions & { kind: SpanKind }, parent: Context): { span: Span; ctx: Context } {
  if (sdkEnabled) {
    const span = trace.getTracer('millwright').startSpan(name, options, parent);
    return { span, ctx: trace.setSpan(parent, span) };
  }
  const parentSc = trace.getSpanContext(parent);
  const valid = parentSc !== undefined && isSpanContextValid(parentSc);
  const span = trace.wrapSpanContext({
    traceId: valid ? parentSc.traceId : pooledRandomHex(16),
    spanId: pooledRandomHex(8),
    // Nothing is recorded here, so only a caller's sampling decision is passed on.
    traceFlags: valid ? parentSc.traceFlags : TraceFlags.NONE,
    ...(valid && parentSc.traceState ? { traceState: parentSc.traceState } : {}),
  });
  return { span, ctx: trace.setSpan(parent, span) };
}
