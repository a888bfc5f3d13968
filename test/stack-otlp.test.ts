import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestStack } from './helpers';

describe('harness up: a user app sends OTLP traces and finds them with SQL', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('stores spans exported by a real OTLP/protobuf exporter and answers them over /api/sql', async () => {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'users-app' }),
      spanProcessors: [new SimpleSpanProcessor(new ProtoExporter({ url: stack.otlp.url }))],
    });
    const span = provider.getTracer('app').startSpan('checkout', { attributes: { 'order.items': 3 } });
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
    await stack.spans.flush();

    const res = await fetch(`${stack.url}/api/sql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          "SELECT SpanName, SpanAttributes['order.items'] AS items FROM otel_traces WHERE ServiceName = 'users-app'",
      }),
    });
    expect(await res.json()).toMatchObject({ rows: [{ SpanName: 'checkout', items: '3' }] });

    const health = await getJson(`${stack.url}/api/health`);
    expect(health).toMatchObject({
      ok: true,
      store: 'embedded',
      otlp: { requests: 1, spans: 1, rejected: 0 },
    });
    expect(health.spans.exported).toBeGreaterThanOrEqual(1);
    expect(health.spans.dropped).toBe(0);
  });
});
