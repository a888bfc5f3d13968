import { propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanSink } from '../store/span-sink';
import { HARNESS_VERSION } from '../version';
import { ClickHouseSpanExporter } from './clickhouse-span-exporter';

/** A tracer provider whose spans land in the store. */
export interface Tracing {
  provider: BasicTracerProvider;
  shutdown(): Promise<void>;
}

/**
 * The one place the OTel SDK is set up: a provider per service name, batching into the store's span
 * writer. Library code only ever imports `@opentelemetry/api`.
 */
export function createTracing(
  sink: SpanSink,
  serviceName: string,
  options: { global?: boolean } = {},
): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': serviceName,
      'service.version': HARNESS_VERSION,
      'telemetry.sdk.language': 'nodejs',
    }),
    spanProcessors: [
      // Sized for 1,000+ RPM with several spans per request between flushes, so the SDK's own
      // silent queue-full drop never triggers; the writer behind it counts its own overflow.
      new BatchSpanProcessor(new ClickHouseSpanExporter(sink), {
        maxQueueSize: 65_536,
        maxExportBatchSize: 4_096,
        scheduledDelayMillis: 200,
      }),
    ],
  });
  if (options.global) {
    trace.setGlobalTracerProvider(provider);
    // traceparent goes out with every provider call, so the mock's ground-truth span joins the trace;
    // baggage too, so the mock keys its fault draws to the arrival (telemetry/arrival-baggage.ts).
    propagation.setGlobalPropagator(harnessPropagator());
  }
  return {
    provider,
    async shutdown() {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}

/** W3C trace context and baggage: what the harness sends with every provider call. */
export function harnessPropagator(): CompositePropagator {
  return new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
}
