import { describe, expect, it } from 'vitest';
import { buildAppSection, type TraceSpan } from './app-section';

let clock = 0;
/** One trace: the driver's span, the app's server span, and the mock's calls (start, failed?). */
function trace(
  id: string,
  driver: Partial<TraceSpan['attrs']> & { latencyMs: number },
  endpoint: string | undefined,
  calls: { at: number; ms: number; status: number; fault?: string; tokens?: number; retry?: number }[],
): TraceSpan[] {
  clock += 10_000;
  const t0 = clock;
  const { latencyMs, ...attrs } = driver;
  const spans: TraceSpan[] = [
    {
      traceId: id,
      service: 'harness-driver',
      kind: 'Client',
      name: 'load_request direct',
      startMs: t0,
      durationMs: latencyMs,
      attrs: { pattern: 'direct', outcome: 'ok', ...attrs },
    },
  ];
  if (endpoint)
    spans.push({
      traceId: id,
      service: 'my-app',
      kind: 'Server',
      name: endpoint,
      startMs: t0 + 1,
      durationMs: 5,
      attrs: {},
    });
  for (const c of calls)
    spans.push({
      traceId: id,
      service: 'mock-providers',
      kind: 'Server',
      name: 'POST /v1/chat/completions',
      startMs: t0 + c.at,
      durationMs: c.ms,
      attrs: {
        httpStatus: String(c.status),
        model: 'gpt-4o-mini',
        inputTokens: c.tokens ?? 100,
        outputTokens: c.status < 400 ? 50 : 0,
        ...(c.fault ? { faultKind: c.fault } : {}),
        ...(c.retry === undefined ? {} : { retryCount: c.retry }),
      },
    });
  return spans;
}

describe('the app section of a report', () => {
  const spans = [
    trace('a', { latencyMs: 100 }, 'POST /chat', [{ at: 2, ms: 90, status: 200 }]),
    trace('b', { latencyMs: 120 }, 'POST /chat', [{ at: 2, ms: 100, status: 200 }]),
    // a 429 retried: absorbed, 200 ms later than the clean median (110)
    trace('c', { latencyMs: 310 }, 'POST /chat', [
      { at: 2, ms: 5, status: 429, fault: 'rate_limit' },
      { at: 200, ms: 100, status: 200 },
    ]),
    // a 429 passed on to the user
    trace('d', { latencyMs: 20, outcome: 'error', errorClass: 'http_4xx' }, 'POST /chat', [
      { at: 2, ms: 5, status: 429, fault: 'rate_limit' },
    ]),
    // a stream cut mid-answer
    trace(
      'e',
      { latencyMs: 80, pattern: 'streaming', outcome: 'error', errorClass: 'stream_cut' },
      'POST /chat/stream',
      [{ at: 2, ms: 60, status: 200, fault: 'sse_drop' }],
    ),
    // a fan-out of three different prompts: no retries among siblings, however they are timed
    trace('f', { latencyMs: 150, pattern: 'batch' }, 'POST /summarize', [
      { at: 2, ms: 5, status: 200, tokens: 30 },
      { at: 50, ms: 5, status: 200, tokens: 31 },
      { at: 100, ms: 5, status: 200, tokens: 32 },
    ]),
    // no app span joined the trace
    trace('g', { latencyMs: 90 }, undefined, []),
    // a dropped stream the app relayed as if whole: a 2xx, but nothing after the drop succeeded
    trace('h', { latencyMs: 70, pattern: 'streaming' }, 'POST /chat/stream', [
      { at: 2, ms: 40, status: 200, fault: 'sse_drop' },
    ]),
    // a dropped stream the app re-opened: the second stream succeeded, the app recovered
    trace('i', { latencyMs: 190, pattern: 'streaming' }, 'POST /chat/stream', [
      { at: 2, ms: 40, status: 200, fault: 'sse_drop' },
      { at: 50, ms: 60, status: 200 },
    ]),
  ].flat();
  const app = buildAppSection(spans);

  it('counts requests per endpoint and the traces the app joined', () => {
    expect(app.requests).toBe(9);
    expect(app.joined).toBe(8);
    expect(app.services).toEqual(['my-app']);
    expect(app.endpoints.map((e) => [e.endpoint, e.requests, e.errors])).toEqual([
      ['POST /chat', 4, 1],
      ['POST /chat/stream', 3, 1],
      ['POST /summarize', 1, 0],
      ['direct (no app span)', 1, 0],
    ]);
  });

  it('counts provider calls, failed calls and (without an SDK retry count) inferred retries', () => {
    const chat = app.endpoints.find((e) => e.endpoint === 'POST /chat');
    expect(chat?.providerCalls).toMatchObject({ total: 5, failed: 2, retries: 1 });
    expect(chat?.providerCalls.retryCount).toEqual({
      total: 1,
      sdkReported: 0,
      inferred: 1,
      callsWithCount: 0,
    });
    expect(chat?.providerCalls.perRequest.max).toBe(2);
    const batch = app.endpoints.find((e) => e.endpoint === 'POST /summarize');
    expect(batch?.providerCalls).toMatchObject({ total: 3, failed: 0, retries: 0 });
  });

  it('bills answered calls only, per app request', () => {
    const chat = app.endpoints.find((e) => e.endpoint === 'POST /chat');
    // gpt-4o-mini: $0.15 in / $0.60 out per 1M; three answered calls of 100 in + 50 out
    const one = (100 * 0.15 + 50 * 0.6) / 1e6;
    expect(chat?.costUsd).toBeCloseTo(3 * one, 12);
    expect(chat?.costPerRequestUsd).toBeCloseTo((3 * one) / 4, 12);
  });

  it('sorts every faulted request into absorbed, degraded or surfaced, with examples', () => {
    expect(app.resilience).toEqual([
      {
        endpoint: 'POST /chat',
        fault: 'rate_limit',
        requests: 2,
        injectedCalls: 2,
        absorbed: 1,
        degraded: 0,
        surfaced: 1,
        absorbedExtraMsP50: 200,
        examples: { absorbed: ['c'], degraded: [], surfaced: ['d'] },
      },
      {
        endpoint: 'POST /chat/stream',
        fault: 'sse_drop',
        requests: 3,
        injectedCalls: 3,
        absorbed: 1,
        degraded: 2,
        surfaced: 0,
        absorbedExtraMsP50: null,
        examples: { absorbed: ['i'], degraded: ['e', 'h'], surfaced: [] },
      },
    ]);
  });

  it('counts the retries the SDK reported, and infers only among first attempts', () => {
    const sdk = buildAppSection(
      [
        // the SDK's first attempt got a 429, its retry (count 1) succeeded
        trace('r1', { latencyMs: 300 }, 'POST /chat', [
          { at: 2, ms: 5, status: 429, fault: 'rate_limit', retry: 0 },
          { at: 200, ms: 90, status: 200, retry: 1 },
        ]),
        // the app asked again by itself (a new SDK call, count 0): inferred, not SDK-reported
        trace('r2', { latencyMs: 300 }, 'POST /chat', [
          { at: 2, ms: 5, status: 500, fault: 'server_error', retry: 0 },
          { at: 200, ms: 90, status: 200, retry: 0 },
        ]),
        // a raw-fetch call beside them: its repeat is inferred
        trace('r3', { latencyMs: 300 }, 'POST /chat', [
          { at: 2, ms: 5, status: 429, fault: 'rate_limit' },
          { at: 200, ms: 90, status: 200 },
        ]),
      ].flat(),
    );
    expect(sdk.endpoints[0]?.providerCalls.retryCount).toEqual({
      total: 3,
      sdkReported: 1,
      inferred: 2,
      callsWithCount: 4,
    });
    expect(sdk.endpoints[0]?.providerCalls.retries).toBe(3);
    // each recovered: a later call in its trace succeeded
    expect(sdk.resilience.map((r) => [r.fault, r.absorbed, r.degraded])).toEqual([
      ['rate_limit', 2, 0],
      ['server_error', 1, 0],
    ]);
  });

  it('counts a stall the app waited out to the end as absorbed, a stream cut short after it as not', () => {
    const stalled = (id: string, outcome: string) =>
      trace(id, { latencyMs: 500, pattern: 'streaming' }, 'POST /chat/stream', [
        { at: 2, ms: 450, status: 200, fault: 'sse_stall' },
      ]).map((s) =>
        s.service === 'mock-providers' ? { ...s, attrs: { ...s.attrs, streamOutcome: outcome } } : s,
      );
    const section = buildAppSection([...stalled('s1', 'complete'), ...stalled('s2', 'cancelled')]);
    expect(section.resilience[0]).toMatchObject({ fault: 'sse_stall', absorbed: 1, degraded: 1 });
    expect(section.resilience[0]?.examples).toEqual({ absorbed: ['s1'], degraded: ['s2'], surfaced: [] });
  });

  it('counts a 2xx without a successful call after the fault as degraded (a canned fallback)', () => {
    const fallback = buildAppSection(
      trace('x', { latencyMs: 30 }, 'POST /chat', [{ at: 2, ms: 5, status: 429, fault: 'rate_limit' }]),
    );
    expect(fallback.resilience[0]).toMatchObject({ absorbed: 0, degraded: 1, surfaced: 0 });
  });
});
