import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../harness/src/scenarios/load';
import { planScenario } from '../harness/src/scenarios/plan';
import { runScenario } from '../harness/src/scenarios/run';
import { post, sql, startTestStack } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** Faults that answer at once (no `timeout` hold), often enough that 20 arrivals meet many. */
const BUSY = {
  name: 'busy',
  faults: { server_error: 0.15, content_filter: 0.15, invalid_json: 0.1, sse_drop: 0.15 },
};

const scenario = parseScenario({
  name: 'arrival-keyed',
  description: 'every pattern that calls providers directly, 20 arrivals',
  mix: [
    { pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 32 },
    { pattern: 'streaming', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 32 },
    { pattern: 'rag', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 32 },
    { pattern: 'agent', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 32 },
  ],
  mock: { timeScale: 0 },
  startRate: 600,
  stages: [{ duration: '2s', target: 600 }],
});

describe('random faults follow the arrival, not the order requests reach the mock', () => {
  let stack: TestStack;
  const admin = (path: string, init: RequestInit) => fetch(`${stack.providerUrl}/__admin/${path}`, init);
  beforeAll(async () => {
    stack = await startTestStack();
    // Retries without waiting and no breaker: a breaker's state depends on the order of failures.
    stack.clients.define(scenario.name, {
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
      breaker: false,
      batchAggregation: { maxItems: 50, maxWaitMs: 0, pollIntervalMs: 10 },
    });
    await admin('config', { method: 'PUT', body: JSON.stringify({ profile: BUSY, seed: 7 }) });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  /** The mock's ground truth of one run, per arrival: each provider call, its ordinal and its fault. */
  async function faultsByArrival(runId: string): Promise<Map<string, string[]>> {
    await stack.tracing.provider.forceFlush();
    await stack.mock?.flush();
    await stack.spans.flush();
    const rows = await sql<{ arrival: string; call: string }>(
      stack,
      `SELECT SpanAttributes['mock.arrival'] AS arrival,
        concat(SpanName, ' #', SpanAttributes['mock.arrival.ordinal'], ' ', SpanAttributes['mock.fault.kind']) AS call
      FROM otel_traces WHERE ServiceName = 'mock-providers'
        AND TraceId IN (SELECT TraceId FROM otel_traces WHERE SpanAttributes['harness.run.id'] = '${runId}')
      ORDER BY arrival, call`,
    );
    const byArrival = new Map<string, string[]>();
    for (const r of rows) byArrival.set(r.arrival, [...(byArrival.get(r.arrival) ?? []), r.call]);
    return byArrival;
  }

  it('meets the same faults per arrival index in a built-in run and in a k6-style run sent in reverse', async () => {
    const plan = planScenario(scenario);
    const n = plan.schedule.offsetsMs.length;
    expect(n).toBe(20);

    await admin('reset', { method: 'POST' });
    // The built-in driver: arrivals overlap, in schedule order, each naming its index.
    const builtin = await runScenario(scenario, { runId: 'keyed-builtin', harnessUrl: stack.url });
    expect(builtin.summary.totals).toMatchObject({ scheduled: n, dropped: 0 });

    await admin('reset', { method: 'POST' });
    // As k6 sends them (x-arrival-index), one at a time, last arrival first.
    for (let i = n - 1; i >= 0; i--) {
      const call = plan.callFor(i);
      const r = await post(
        `${stack.url}/api/invoke/${call.pattern}`,
        { provider: call.provider, model: call.model, maxTokens: call.maxTokens },
        {
          'x-run-id': 'keyed-reversed',
          'x-scenario': scenario.name,
          'x-arrival-index': String(i),
          ...call.headers,
        },
      );
      expect(r.status).toBe(200);
    }

    const forward = await faultsByArrival('keyed-builtin');
    const reversed = await faultsByArrival('keyed-reversed');
    expect([...forward.keys()].sort()).toEqual([...Array(n).keys()].map(String).sort());
    expect(reversed).toEqual(forward);
    const calls = [...forward.values()].flat();
    expect(calls.filter((c) => !c.endsWith(' ')).length).toBeGreaterThan(2); // faults did happen
    expect(calls.some((c) => c.endsWith(' '))).toBe(true); // and not on every call
  });

  it("keys a batch job's creation to its first caller's arrival", async () => {
    const r = await post(
      `${stack.url}/api/invoke/batch`,
      { provider: 'openai', model: 'gpt-4o-mini', maxTokens: 16 },
      { 'x-run-id': 'keyed-batch', 'x-scenario': scenario.name, 'x-arrival-index': '4242' },
    );
    expect(r.status).toBe(200);
    await stack.mock?.flush();
    await stack.spans.flush();
    const rows = await sql(
      stack,
      `SELECT SpanAttributes['mock.arrival.ordinal'] AS ordinal FROM otel_traces
      WHERE ServiceName = 'mock-providers' AND SpanName = 'POST /v1/batches' AND SpanAttributes['mock.arrival'] = '4242'`,
    );
    expect(rows).toEqual([{ ordinal: '0' }]);
  });
});
