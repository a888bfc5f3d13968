import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/index';
import { pollUntil, rejection } from './helpers/mock';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const caller = provider.getTracer('test-client');
let mock: MockServer;

beforeAll(async () => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  mock = await createMockServer({ port: 0, timeScale: 0, tracerProvider: provider });
});
afterAll(async () => {
  await mock.close();
  propagation.disable();
});

/** Runs `fn` with the headers of a fresh client span; returns that span's ids. */
async function withClientSpan(fn: (headers: Record<string, string>) => Promise<unknown>) {
  const span = caller.startSpan('client call', { kind: SpanKind.CLIENT });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  await fn(headers).catch(() => undefined);
  span.end();
  return span.spanContext();
}

const serverSpan = (traceId: string) =>
  pollUntil(
    async () =>
      exporter
        .getFinishedSpans()
        .find((s) => s.kind === SpanKind.SERVER && s.spanContext().traceId === traceId),
    (s) => s !== undefined,
  );

const openai = (headers: Record<string, string>, timeout?: number) =>
  new OpenAI({
    baseURL: `${mock.url}/v1`,
    apiKey: 'truth',
    maxRetries: 0,
    defaultHeaders: headers,
    ...(timeout ? { timeout } : {}),
  });
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'ground truth please' }] };

describe('ground-truth SERVER spans', () => {
  it('continue the caller trace and record the decision on a success', async () => {
    const parent = await withClientSpan((h) => openai(h).chat.completions.create(ask));
    const span = await serverSpan(parent.traceId);
    expect(span?.name).toBe('POST /v1/chat/completions');
    expect(span?.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(span?.instrumentationScope.name).toBe('mock-providers');
    expect(span?.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'http.response.status_code': 200,
      'mock.profile': 'ideal',
      'mock.ratelimit.limited': false,
      'mock.ratelimit.requests.limit': 30_000,
    });
    expect(span?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(span?.attributes['mock.ttft_ms']).toBe(0);
    expect(span?.attributes['mock.delay_ms']).toBe(0);
    expect(span?.attributes['error.type']).toBeUndefined();
    // the actual first byte, from the span's start: never negative, never after the span's end
    const firstByte = span?.attributes['mock.first_byte_ms'] as number;
    expect(firstByte).toBeGreaterThanOrEqual(0);
    expect(firstByte).toBeLessThanOrEqual((span?.duration[0] ?? 0) * 1e3 + (span?.duration[1] ?? 0) / 1e6);
  });

  it("record a stream's actual first-byte time beside its designed TTFT", async () => {
    const parent = await withClientSpan(async (h) => {
      const stream = await openai(h).chat.completions.create({ ...ask, stream: true });
      for await (const _ of stream);
    });
    const span = await serverSpan(parent.traceId);
    expect(span?.attributes['mock.stream.outcome']).toBe('complete');
    expect(span?.attributes['mock.ttft_ms']).toBe(0);
    const firstByte = span?.attributes['mock.first_byte_ms'] as number;
    expect(firstByte).toBeGreaterThanOrEqual(0);
    expect(firstByte).toBeLessThanOrEqual((span?.duration[0] ?? 0) * 1e3 + (span?.duration[1] ?? 0) / 1e6);
  });

  it('name the injected fault as error.type and end a dropped stream at the drop', async () => {
    const parent = await withClientSpan(async (h) => {
      const stream = await openai({
        ...h,
        'x-mock-fault': 'sse_drop',
        'x-mock-fault-at': '2',
      }).chat.completions.create({
        ...ask,
        stream: true,
      });
      for await (const _ of stream);
    });
    const span = await serverSpan(parent.traceId);
    expect(span?.attributes).toMatchObject({
      'error.type': 'sse_drop',
      'mock.fault.kind': 'sse_drop',
      'mock.fault.source': 'forced',
      'mock.fault.at_event': 2,
      'mock.stream.events_sent': 2,
      'mock.stream.outcome': 'dropped',
      'http.response.status_code': 200,
    });
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("record the SDK's own attempt number (x-stainless-retry-count) on every attempt", async () => {
    const parent = await withClientSpan((h) =>
      new OpenAI({
        baseURL: `${mock.url}/v1`,
        apiKey: 'truth',
        maxRetries: 2,
        defaultHeaders: { ...h, 'x-mock-fault': 'rate_limit' },
      }).chat.completions.create(ask),
    );
    const attempts = await pollUntil(
      async () =>
        exporter
          .getFinishedSpans()
          .filter((s) => s.kind === SpanKind.SERVER && s.spanContext().traceId === parent.traceId),
      (spans) => spans.length === 3,
    );
    expect(attempts.map((s) => s.attributes['mock.request.retry_count']).sort()).toEqual([0, 1, 2]);
    // a client that numbers nothing (raw fetch) leaves the attribute out
    const raw = await withClientSpan((h) =>
      fetch(`${mock.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { ...h, authorization: 'Bearer truth', 'content-type': 'application/json' },
        body: JSON.stringify(ask),
      }),
    );
    expect((await serverSpan(raw.traceId))?.attributes['mock.request.retry_count']).toBeUndefined();
  });

  it('record a timeout as no response, and a limiter 429 with its retry-after', async () => {
    const parent = await withClientSpan((h) =>
      openai({ ...h, 'x-mock-fault': 'timeout' }, 100).chat.completions.create(ask),
    );
    const span = await serverSpan(parent.traceId);
    expect(span?.attributes).toMatchObject({
      'error.type': 'timeout',
      'mock.response': 'none',
      'mock.timeout.client_gave_up': true,
    });
    expect(span?.attributes['http.response.status_code']).toBeUndefined();
    await fetch(`${mock.url}/__admin/config`, {
      method: 'PUT',
      body: JSON.stringify({ rateLimits: { 'openai/gpt-4o-mini': { rpm: 1 } } }),
    });
    await openai({}).chat.completions.create(ask);
    const limited = await withClientSpan((h) => openai(h).chat.completions.create(ask));
    const span429 = await serverSpan(limited.traceId);
    expect(span429?.attributes).toMatchObject({
      'error.type': 'rate_limit',
      'mock.fault.source': 'limiter',
      'mock.ratelimit.limited': true,
      'mock.ratelimit.requests.remaining': 0,
      'http.response.status_code': 429,
    });
    expect(span429?.attributes['mock.retry_after_ms']).toBeGreaterThan(50_000);
  });

  it('join the trace from a raw traceparent even when no propagator is registered', async () => {
    propagation.disable();
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const err = await rejection(
        openai({
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
          'x-mock-fault': 'server_error',
        }).chat.completions.create(ask),
      );
      expect(err.status).toBe(500);
      const span = await serverSpan(traceId);
      expect(span?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
      expect(span?.attributes['error.type']).toBe('server_error');
    } finally {
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    }
  });
});
