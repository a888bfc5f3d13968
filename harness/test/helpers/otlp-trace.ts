import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { expect } from 'vitest';
import type { SpanRow } from '../../src/store/span-row';
import { ns } from './otlp-http';

/** Emit a small trace through `exporter` with a real SDK; returns the SDK's own view of the spans. */
export async function emitTrace(exporter: SpanExporter): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'harness-test',
      'process.pid': 1234,
      'deployment.environment.name': 'ci',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('llm-client', '1.2.3');
  const other = tracer.startSpan('other');
  other.end();
  const parent = tracer.startSpan('POST /chat', { kind: SpanKind.SERVER });
  const child = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.request.temperature': 0.5,
        'gen_ai.request.stream': true,
        'gen_ai.response.finish_reasons': ['stop', 'length'],
        'test.numbers': [1, 2.5],
      },
      links: [
        {
          context: { ...other.spanContext(), traceState: new TraceState('vendor=a') },
          attributes: { 'link.reason': 'retry-of' },
        },
      ],
    },
    trace.setSpan(ROOT_CONTEXT, parent),
  );
  child.addEvent('gen_ai.first_chunk', { 'chunk.index': 0 });
  child.addEvent('done');
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
  child.end();
  parent.end();
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** The rows of the emitted trace, checked field by field against the SDK's spans. */
export function expectTraceRows(rows: SpanRow[], spans: ReadableSpan[]) {
  expect(rows).toHaveLength(3);
  const byName = (n: string) => spans.find((s) => s.name === n)!;
  const rowOf = (s: ReadableSpan) => rows.find((r) => r.SpanId === s.spanContext().spanId)!;
  const [other, parent, child] = [byName('other'), byName('POST /chat'), byName('chat gpt-4o-mini')];
  const resource = {
    'deployment.environment.name': 'ci',
    'process.pid': '1234',
    'service.name': 'harness-test',
  };

  for (const s of [other, parent, child]) {
    expect(rowOf(s)).toMatchObject({
      TraceId: s.spanContext().traceId,
      Timestamp: ns(s.startTime),
      Duration: ns(s.duration),
      ServiceName: 'harness-test',
      ResourceAttributes: resource,
      ScopeName: 'llm-client',
      ScopeVersion: '1.2.3',
    });
  }
  expect(rowOf(other)).toMatchObject({ ParentSpanId: '', SpanKind: 'Internal', StatusCode: 'Unset' });
  expect(rowOf(parent)).toMatchObject({ ParentSpanId: '', SpanKind: 'Server', SpanAttributes: {} });

  const row = rowOf(child);
  expect(row.TraceId).toBe(parent.spanContext().traceId);
  expect(row.ParentSpanId).toBe(parent.spanContext().spanId);
  expect(row.TraceState).toBe('');
  expect(row.SpanName).toBe('chat gpt-4o-mini');
  expect(row.SpanKind).toBe('Client');
  expect(row.StatusCode).toBe('Error');
  expect(row.StatusMessage).toBe('rate limited');
  expect(row.SpanAttributes).toEqual({
    'gen_ai.request.model': 'gpt-4o-mini',
    'gen_ai.request.stream': 'true',
    'gen_ai.request.temperature': '0.5',
    'gen_ai.response.finish_reasons': '["stop","length"]',
    'gen_ai.usage.input_tokens': '12',
    'test.numbers': '[1,2.5]',
  });
  expect(Object.keys(row.SpanAttributes)).toEqual(Object.keys(row.SpanAttributes).sort());
  expect(row['Events.Name']).toEqual(['gen_ai.first_chunk', 'done']);
  expect(row['Events.Timestamp']).toEqual(child.events.map((e) => ns(e.time)));
  expect(row['Events.Attributes']).toEqual([{ 'chunk.index': '0' }, {}]);
  expect(row['Links.TraceId']).toEqual([other.spanContext().traceId]);
  expect(row['Links.SpanId']).toEqual([other.spanContext().spanId]);
  expect(row['Links.TraceState']).toEqual(['vendor=a']);
  expect(row['Links.Attributes']).toEqual([{ 'link.reason': 'retry-of' }]);
}
