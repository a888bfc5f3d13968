import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunManager } from '../harness/src/runs/run-manager';
import { loadScenario } from '../harness/src/scenarios/load';
import type { DriverThread } from '../harness/src/topology/driver-thread';
import { sql, startTestStack } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** Driver spans of a run by outcome, read from the store after every span was flushed. */
async function driverSpans(stack: TestStack, runId: string) {
  await stack.tracing.provider.forceFlush();
  await stack.spans.flush();
  return sql<{ outcome: string; n: string }>(
    stack,
    `SELECT SpanAttributes['harness.outcome'] AS outcome, count() AS n FROM otel_traces
     WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'
     GROUP BY outcome ORDER BY outcome`,
  );
}

describe('the driver in its own thread (HARNESS_DRIVER_THREAD=1)', () => {
  let stack: TestStack;
  const threads = new Map<string, DriverThread>();
  let manager: ReturnType<typeof createRunManager>;
  beforeAll(async () => {
    stack = await startTestStack();
    manager = createRunManager({
      registry: stack.runs.registry,
      spans: stack.spans,
      harnessUrl: () => stack.url,
      token: undefined,
      mockAdmin: undefined,
      gauges: () => ({ queueDepth: 0, breakers: {} }),
      events: { started() {}, tick() {}, finished() {} },
      driverThread: { onThread: (runId, t) => threads.set(runId, t) },
      log: () => {},
    });
  });
  afterAll(async () => {
    await manager?.stopAll();
    await stack?.dispose();
  });

  it('runs a scenario to the end on its thread; every scheduled request is a span, once', async () => {
    const scenario = await loadScenario('smoke');
    const run = manager.start({
      scenario: { ...scenario, warmup: '0s' },
      overrides: { rateRpm: 240, durationMs: 3000 },
    });
    const result = await run.result;
    expect(result?.summary.aborted).toBe(false);
    const t = result?.summary.totals;
    expect(t?.scheduled).toBeGreaterThan(5);
    const spans = await driverSpans(stack, run.info.runId);
    const total = spans.reduce((a, s) => a + Number(s.n), 0);
    expect(total).toBe(t?.scheduled);
    // the ids the thread sent as traceparent are the ones the driver spans carry: invoke spans join
    const [joined] = await sql<{ n: string }>(
      stack,
      `SELECT count() AS n FROM otel_traces AS i INNER JOIN
         (SELECT TraceId FROM otel_traces WHERE SpanName LIKE 'load_request %'
          AND SpanAttributes['harness.run.id'] = '${run.info.runId}') AS d ON i.TraceId = d.TraceId
       WHERE i.SpanName LIKE 'invoke_workflow %'`,
    );
    expect(Number(joined?.n)).toBe((t?.ok ?? 0) + (t?.errors ?? 0));
  }, 90_000);

  it('stops on request: the run is aborted and still accounts for every request', async () => {
    const scenario = await loadScenario('smoke');
    const run = manager.start({
      scenario: { ...scenario, warmup: '0s' },
      overrides: { rateRpm: 240, durationMs: 60_000 },
    });
    for (;;) {
      if (
        (run.lastTick?.totals?.scheduled ?? 0) > 0 ||
        (await Promise.race([run.result, Promise.resolve('pending')])) !== 'pending'
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    manager.stop(run.info.runId);
    const result = await run.result;
    expect(result?.summary.aborted).toBe(true);
    const t = result?.summary.totals;
    const spans = await driverSpans(stack, run.info.runId);
    // spans = every request that was sent or dropped (not the ones never started after the stop)
    expect(spans.reduce((a, s) => a + Number(s.n), 0)).toBe(
      (t?.scheduled ?? 0) - (t?.notStarted ?? 0) - (t?.inFlightAtStop ?? 0),
    );
  }, 90_000);

  it('a crash fails the run with the reason; every sent request is a span, none twice', async () => {
    // published latencies, so requests are in flight when the thread dies
    const admin = `${stack.providerUrl}/__admin/config`;
    const put = (body: unknown) =>
      fetch(admin, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await put({ timeScale: 1 });
    const scenario = await loadScenario('smoke');
    const run = manager.start({
      scenario: { ...scenario, warmup: '0s' },
      overrides: { rateRpm: 600, durationMs: 60_000 },
    });
    // crash once the thread has sent something
    for (;;) {
      const t = threads.get(run.info.runId);
      if (t && (run.lastTick?.totals?.scheduled ?? 0) > 0) {
        t.crash();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await expect(run.result).rejects.toThrow(/driver thread crashed: driver thread crash requested/);
    const saved = await stack.runs.registry.get(run.info.runId);
    expect(saved?.status).toBe('failed');
    expect((saved?.summary as { error: string } | undefined)?.error).toMatch(/driver thread crashed/);
    const spans = await driverSpans(stack, run.info.runId);
    const [dupes] = await sql<{ n: string }>(
      stack,
      `SELECT count() - uniqExact(SpanAttributes['harness.schedule.index']) AS n FROM otel_traces
       WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${run.info.runId}'`,
    );
    expect(Number(dupes?.n)).toBe(0);
    // every request the invoke API received belongs to a driver span (none lost)
    const [orphans] = await sql<{ n: string }>(
      stack,
      `SELECT count() AS n FROM otel_traces WHERE SpanName LIKE 'invoke_workflow %'
       AND SpanAttributes['harness.run.id'] = '${run.info.runId}'
       AND TraceId NOT IN (SELECT TraceId FROM otel_traces WHERE SpanName LIKE 'load_request %'
                           AND SpanAttributes['harness.run.id'] = '${run.info.runId}')`,
    );
    expect(Number(orphans?.n)).toBe(0);
    // the requests in flight at the crash are spans of their own, marked as such
    const crashed = spans.find((s) => s.outcome === 'error');
    expect(Number(crashed?.n ?? 0)).toBeGreaterThan(0);
    const [unknown] = await sql<{ n: string }>(
      stack,
      `SELECT count() AS n FROM otel_traces WHERE SpanName LIKE 'load_request %'
       AND SpanAttributes['harness.run.id'] = '${run.info.runId}' AND SpanAttributes['harness.error.class'] = 'driver_crashed'`,
    );
    expect(Number(unknown?.n)).toBeGreaterThan(0);
    await put({ timeScale: 0 });
  }, 90_000);
});
