// @ts-check
/**
 * OpenTelemetry setup of the example app, loaded before the app with `node --import`: the standard
 * Node SDK with auto-instrumentation of http (its server span), undici (the openai SDK's fetch to the
 * provider) and express, exporting OTLP/HTTP to the harness receiver. Nothing here knows about
 * the harness: W3C trace context and baggage propagate by default, which is all the harness needs.
 * Env: OTLP_PORT (default 4318) or OTEL_EXPORTER_OTLP_ENDPOINT; OTEL_SERVICE_NAME (default example-app).
 */
import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';

// ESM apps need the loader hook so `import express` is patched (OpenTelemetry's documented way).
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const endpoint =
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? `http://127.0.0.1:${process.env.OTLP_PORT ?? '4318'}`;

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'example-app' }),
  traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
  // Traces only: the harness receives traces. Without these the SDK would also start OTLP metric
  // and log exporters aimed at the default localhost:4318, whatever OTLP_PORT says.
  metricReaders: [],
  logRecordProcessors: [],
  instrumentations: [
    new HttpInstrumentation({
      // Only the app's own server side; the exporter's posts to the receiver are not the app's work.
      ignoreOutgoingRequestHook: () => true,
    }),
    new UndiciInstrumentation({
      // The openai SDK numbers its retries: keep it on the provider-call span.
      headersToSpanAttributes: { requestHeaders: ['x-stainless-retry-count'] },
    }),
    new ExpressInstrumentation(),
  ],
});
sdk.start();

/** Flush spans on the way out, so a stopped app loses none. */
async function shutdown() {
  await sdk.shutdown().catch(() => {});
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
