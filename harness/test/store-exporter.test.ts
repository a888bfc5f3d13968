import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSpanRows } from '../src/store/clickhouse-insert';
import { createSpanWriter, type SpanWriter } from '../src/store/span-writer';
import { ClickHouseSpanExporter } from '../src/telemetry/clickhouse-span-exporter';
import { openTestStore, STORE_MODE } from './helpers/test-store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

describe(`ClickHouse span exporter round trip (${STORE_MODE} store)`, () => {
  let store: TestStore;
  let writer: SpanWriter;
  let provider: BasicTracerProvider;

  beforeAll(async () => {
    store = await openTestStore();
    writer = createSpanWriter(insertSpanRows(store), { flushIntervalMs: 20 });
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': 'roundtrip-test',
        'deployment.environment': 'test',
      }),
      spanProcessors: [
        new BatchSpanProcessor(new ClickHouseSpanExporter(writer), { scheduledDelayMillis: 10 }),
      ],
    });
  });
  afterAll(async () => {
    await provider?.shutdown();
    await store?.dispose();
  });

  it('lands SDK spans with attributes, events, status and parent links intact', async () => {
    const tracer = provider.getTracer('roundtrip-scope', '1.2.3');
    const parent = tracer.startSpan('invoke_agent demo', { kind: SpanKind.INTERNAL });
    const parentCtx = trace.setSpan(context.active(), parent);
    const child = tracer.startSpan(
      'chat gpt-4o-mini',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 12,
          'gen_ai.usage.cost': 0.5,
          'gen_ai.request.stream': true,
          'gen_ai.response.finish_reasons': ['stop', 'length'],
        },
        links: [{ context: parent.spanContext(), attributes: { 'link.reason': 'retry-of' } }],
      },
      parentCtx,
    );
    child.addEvent('first_chunk', { 'chunk.index': 0 });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
    child.end();
    parent.end();
    await provider.forceFlush();
    await writer.flush();

    const rows = await store.client.query({
      query: `SELECT TraceId, SpanId, ParentSpanId, SpanName, SpanKind, ServiceName, ScopeName, ScopeVersion,
                     SpanAttributes, ResourceAttributes, StatusCode, StatusMessage, Duration,
                     toString(Timestamp) AS ts, Events.Name AS en, Events.Attributes AS ea,
                     Links.SpanId AS ls, Links.Attributes AS la
              FROM otel_traces WHERE TraceId = {traceId:String} ORDER BY ParentSpanId`,
      query_params: { traceId: parent.spanContext().traceId },
      format: 'JSONEachRow',
    });
    const [agent, chat] = await rows.json<Record<string, unknown>>();
    expect(agent).toMatchObject({
      SpanId: parent.spanContext().spanId,
      ParentSpanId: '',
      SpanKind: 'Internal',
      StatusCode: 'Unset',
      ServiceName: 'roundtrip-test',
    });
    expect(chat).toMatchObject({
      SpanId: child.spanContext().spanId,
      ParentSpanId: parent.spanContext().spanId,
      SpanName: 'chat gpt-4o-mini',
      SpanKind: 'Client',
      ScopeName: 'roundtrip-scope',
      ScopeVersion: '1.2.3',
      StatusCode: 'Error',
      StatusMessage: 'rate limited',
      SpanAttributes: {
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': '12',
        'gen_ai.usage.cost': '0.5',
        'gen_ai.request.stream': 'true',
        'gen_ai.response.finish_reasons': '["stop","length"]',
      },
      ResourceAttributes: expect.objectContaining({ 'service.name': 'roundtrip-test' }),
      en: ['first_chunk'],
      ea: [{ 'chunk.index': '0' }],
      ls: [parent.spanContext().spanId],
      la: [{ 'link.reason': 'retry-of' }],
    });
    // Duration is UInt64 ns; quoted on the way out so no precision is lost.
    expect(typeof chat?.Duration).toBe('string');
    expect(BigInt(chat?.Duration as string)).toBeGreaterThanOrEqual(0n);
    expect(writer.stats()).toMatchObject({ exported: 2, dropped: 0 });
  });

  it('stores DateTime64(9) sent as a decimal ns string without losing nanoseconds', async () => {
    // JSON numbers would round ns epochs (> 2^53); the row carries Timestamp as a string instead.
    const ts = '1795600800123456789';
    const row = {
      Timestamp: ts,
      TraceId: 'a'.repeat(32),
      SpanId: 'b'.repeat(16),
      ParentSpanId: '',
      TraceState: '',
      SpanName: 'precision',
      SpanKind: 'Internal',
      ServiceName: 'precision-test',
      ResourceAttributes: {},
      ScopeName: '',
      ScopeVersion: '',
      SpanAttributes: {},
      Duration: '18446744073709551615',
      StatusCode: 'Unset',
      StatusMessage: '',
      'Events.Timestamp': [ts],
      'Events.Name': ['e'],
      'Events.Attributes': [{}],
      'Links.TraceId': [],
      'Links.SpanId': [],
      'Links.TraceState': [],
      'Links.Attributes': [],
    };
    writer.accept([row]);
    await writer.flush();
    const r = await store.client.query({
      query: `SELECT toString(toUnixTimestamp64Nano(Timestamp)) AS ns, Duration,
                     toString(toUnixTimestamp64Nano(Events.Timestamp[1])) AS ens
              FROM otel_traces WHERE ServiceName = 'precision-test'`,
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([{ ns: ts, Duration: '18446744073709551615', ens: ts }]);
  });

  it('fills the trace-id lookup table through its materialized view', async () => {
    const r = await store.client.query({
      query: `SELECT count() AS n FROM otel_traces_trace_id_ts WHERE TraceId = {id:String}`,
      query_params: { id: 'a'.repeat(32) },
      format: 'JSONEachRow',
    });
    expect(await r.json()).toEqual([{ n: '1' }]);
  });
});
