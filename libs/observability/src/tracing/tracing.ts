import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { AppConfig } from '@mw/config';
import { markSdkEnabled } from './trace-context';

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered and stops the exporter; call once, at shutdown. */
  shutdown(): Promise<void>;
}

const DEFAULT_ENDPOINT = 'http://localhost:4318';

/** The OTLP/HTTP traces URL for an OTEL_EXPORTER_OTLP_ENDPOINT base (spec: append /v1/traces). */
export function tracesUrl(endpoint: string | undefined): string {
  const base = (endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

/**
 * Context propagation is always on (AsyncLocalStorage + W3C trace context), because events and log
 * lines carry trace ids whether or not spans are exported. The SDK and its exporter only start when
 * OTEL_ENABLED=true.
 */
export function setUpTracing(config: AppConfig, serviceName: string, serviceVersion: string): Tracing {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const propagator = new W3CTraceContextPropagator();
  if (!config.otel.enabled) {
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(propagator);
    markSdkEnabled(false);
    return { enabled: false, shutdown: async () => undefined };
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, [ATTR_SERVICE_VERSION]: serviceVersion }),
    // Batching settings follow the SDK's OTEL_BSP_* variables.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(config.otel.endpoint) }))],
  });
  provider.register({ contextManager, propagator });
  markSdkEnabled(true);
  return {
    enabled: true,
    shutdown: async () => {
      await provider.shutdown().catch(() => undefined);
      trace.disable();
    },
  };
}
