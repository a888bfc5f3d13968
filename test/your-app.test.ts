/**
 * The user's own app, end to end through real processes: the example app (Express + openai SDK +
 * OpenTelemetry Node SDK) runs as a child process exporting OTLP to a real harness stack, the
 * built-in driver runs examples/your-app/scenario.js against it (a forced rate_limit window and an
 * sse_drop window), and the report's app section is checked against the mock's ground truth. The app
 * without retries ends a broken stream cleanly (EXAMPLE_STREAM_BREAK=end: its users get a 2xx that
 * is silently partial); the one with retries re-asks the provider (EXAMPLE_STREAM_BREAK=retry).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../harness/src/contracts/routes';
import type { AppSection } from '../harness/src/runs/report/app-section';
import type { RunReport } from '../harness/src/runs/report/report-data';
import { loadScenarioFile } from '../harness/src/scenarios/load-file';
import type { Scenario } from '../harness/src/scenarios/schema';
import { APP_DIR, type ExampleApp, startApp, stopApp } from './example-app';
import { getJson, sql, startTestStack } from './helpers';

describe('your app under load: driver → app → mock, one trace', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let scenario: Scenario;
  /** The app without retries and the one with, started side by side (their start-up overlaps). */
  const apps = new Map<number, ExampleApp>();
  /** What each app does when the provider's stream breaks mid-answer. */
  const streamBreak: Record<number, string> = { 0: 'end', 2: 'retry' };

  beforeAll(async () => {
    stack = await startTestStack();
    process.env.EXAMPLE_TIME_SCALE = '0.1';
    scenario = (await loadScenarioFile(path.join(APP_DIR, 'scenario.js'))).scenario;
    const env = { MOCK_PORT: String(stack.mock?.server.port), OTLP_PORT: String(stack.otlp.port) };
    await Promise.all(
      [0, 2].map(async (retries) =>
        apps.set(
          retries,
          await startApp({
            ...env,
            EXAMPLE_RETRIES: String(retries),
            EXAMPLE_STREAM_BREAK: streamBreak[retries] ?? 'cut',
          }),
        ),
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...apps.values()].map((a) => stopApp(a.proc)));
    await stack?.dispose();
  });

  /** Run the example scenario against the app with `retries`; the report once every span is in. */
  async function runAgainst(retries: number): Promise<{ runId: string; report: RunReport; app: AppSection }> {
    const started = apps.get(retries);
    if (!started) throw new Error(`no app with ${retries} retries`);
    const run = stack.runs.manager.start({
      scenario: {
        ...scenario,
        target: { ...scenario.target, kind: 'url', url: started.url } as Scenario['target'],
      },
    });
    await run.result;
    await stopApp(started.proc);
    await stack.spans.flush();
    const report = (await getJson(`${stack.url}/api/runs/${run.info.runId}/report`)) as RunReport;
    if (!report.app) throw new Error(`no app section: ${JSON.stringify(report).slice(0, 500)}`);
    // the whole report, app section included, matches the API contract's schema
    API_ROUTES.report.response.parse(report);
    // One cost in every view: the run's cost is the provider calls inside its traces.
    expect(report.cost.totalUsd).toBeCloseTo(report.app.costUsd ?? Number.NaN, 12);
    expect(report.cost.totalUsd).toBeGreaterThan(0);
    // … and the Patterns view shows the same per-pattern cost as the report, to the last digit
    const patterns = (await getJson(`${stack.url}/api/patterns?run=${run.info.runId}`)) as {
      patterns: Array<{ pattern: string; costUsd: number; costPer1k: number | null }>;
    };
    for (const p of report.patterns) {
      const view = patterns.patterns.find((x) => x.pattern === p.pattern);
      expect(view?.costUsd, p.pattern).toBe(p.costUsd);
      expect(view?.costPer1k, p.pattern).toBe(p.costPer1k);
    }
    return { runId: run.info.runId, report, app: report.app };
  }

  /** Per fault kind, the measured driver requests the scenario forced it on that reached the mock. */
  async function forced(runId: string): Promise<Record<string, number>> {
    const rows = await sql<{ kind: string; n: string }>(
      stack,
      `SELECT m.SpanAttributes['mock.fault.kind'] AS kind, uniqExact(m.TraceId) AS n
       FROM otel_traces m
       WHERE m.ServiceName = 'mock-providers' AND m.SpanAttributes['mock.fault.source'] = 'forced'
         AND m.TraceId IN (SELECT TraceId FROM harness_requests
                           WHERE run_id = '${runId}' AND source = 'driver' AND warmup = 0)
       GROUP BY kind`,
    );
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }

  const byFault = (app: AppSection, fault: string) => {
    const rows = app.resilience.filter((r) => r.fault === fault);
    const sum = (k: 'requests' | 'injectedCalls' | 'absorbed' | 'degraded' | 'surfaced') =>
      rows.reduce((a, r) => a + r[k], 0);
    return {
      requests: sum('requests'),
      injectedCalls: sum('injectedCalls'),
      absorbed: sum('absorbed'),
      degraded: sum('degraded'),
      surfaced: sum('surfaced'),
    };
  };

  /** Driver outcomes of the measured requests whose trace holds a forced `kind`. */
  async function outcomesOf(runId: string, kind: string): Promise<Record<string, number>> {
    const rows = await sql<{ outcome: string; n: string }>(
      stack,
      `SELECT outcome, count() AS n FROM harness_requests
       WHERE run_id = '${runId}' AND source = 'driver' AND warmup = 0
         AND TraceId IN (SELECT TraceId FROM otel_traces WHERE ServiceName = 'mock-providers'
                         AND SpanAttributes['mock.fault.kind'] = '${kind}')
       GROUP BY outcome`,
    );
    return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
  }

  it('an app that does not retry: one trace per request, its 429s surfaced, its cleanly ended broken streams degraded', async () => {
    const { runId, report, app } = await runAgainst(0);
    expect(report.accounting.identityHolds).toBe(true);
    expect(app.services).toEqual(['example-app']);
    expect(app.requests).toBeGreaterThan(40);
    expect(app.joined).toBe(app.requests);
    expect(app.endpoints.map((e) => e.endpoint)).toEqual([
      'POST /chat',
      'POST /chat/stream',
      'POST /summarize-batch',
    ]);

    // driver span → app server span → app client span → mock server span, in one trace.
    const chain = await sql<{ n: string }>(
      stack,
      `SELECT count() AS n FROM otel_traces d
       JOIN otel_traces a ON a.TraceId = d.TraceId AND a.ParentSpanId = d.SpanId AND a.SpanKind = 'Server'
       JOIN otel_traces c ON c.TraceId = d.TraceId AND c.SpanKind = 'Client' AND c.ServiceName = 'example-app'
       JOIN otel_traces m ON m.TraceId = d.TraceId AND m.ParentSpanId = c.SpanId AND m.ServiceName = 'mock-providers'
       WHERE d.ServiceName = 'harness-driver' AND d.SpanAttributes['harness.run.id'] = '${runId}'
         AND a.ServiceName = 'example-app' AND d.SpanAttributes['harness.warmup'] = 'false'`,
    );
    const calls = app.endpoints.reduce((a, e) => a + e.providerCalls.total, 0);
    expect(Number(chain[0]?.n)).toBe(calls);

    // The resilience table counts exactly what the mock injected (forced via baggage, nothing else).
    const truth = await forced(runId);
    const limited = byFault(app, 'rate_limit');
    const dropped = byFault(app, 'sse_drop');
    expect(limited.requests).toBeGreaterThan(0);
    expect(dropped.requests).toBeGreaterThan(0);
    expect({ rate_limit: limited.requests, sse_drop: dropped.requests }).toEqual(truth);
    expect(limited.injectedCalls).toBe(limited.requests);
    // No retries: every 429 reaches the app's user.
    expect(limited).toMatchObject({ surfaced: limited.requests, absorbed: 0 });
    // The app ended each broken stream cleanly (a 2xx to its user, as if whole), but nothing after
    // the drop succeeded: degraded, not absorbed.
    expect(await outcomesOf(runId, 'sse_drop')).toEqual({ ok: dropped.requests });
    expect(dropped).toMatchObject({ degraded: dropped.requests, absorbed: 0, surfaced: 0 });
    for (const e of app.endpoints) {
      // The openai SDK numbers every call it sends: the retry count is reported, never inferred.
      expect(e.providerCalls.retryCount).toEqual({
        total: 0,
        sdkReported: 0,
        inferred: 0,
        callsWithCount: e.providerCalls.total,
      });
    }
    const batch = app.endpoints.find((e) => e.endpoint === 'POST /summarize-batch');
    expect(batch?.providerCalls.perRequest.min).toBe(3);
    expect(app.costUsd).toBeGreaterThan(0);
  }, 90_000);

  it('an app that retries absorbs the same faults: its SDK retries each 429, it re-asks after each broken stream', async () => {
    const { runId, app } = await runAgainst(2);
    const truth = await forced(runId);
    const limited = byFault(app, 'rate_limit');
    expect(limited.requests).toBeGreaterThan(0);
    expect(limited.requests).toBe(truth.rate_limit);
    expect(limited).toMatchObject({ absorbed: limited.requests, surfaced: 0, degraded: 0 });
    for (const row of app.resilience.filter((r) => r.fault === 'rate_limit'))
      expect(row.examples.absorbed.length).toBeGreaterThan(0);
    // The SDK does not retry a stream that broke after it began; this app asks again itself, and
    // the second stream (a new trace call, no baggage fault left) succeeds: really recovered.
    const dropped = byFault(app, 'sse_drop');
    expect(dropped.requests).toBeGreaterThan(0);
    expect(dropped.requests).toBe(truth.sse_drop);
    expect(dropped).toMatchObject({ absorbed: dropped.requests, degraded: 0, surfaced: 0 });
    // One SDK retry per 429 (numbered by the SDK itself), one re-ask per broken stream (a new SDK
    // call, numbered 0: inferred from the trace).
    const sum = (k: 'sdkReported' | 'inferred') =>
      app.endpoints.reduce((a, e) => a + e.providerCalls.retryCount[k], 0);
    expect(sum('sdkReported')).toBe(limited.requests);
    expect(sum('inferred')).toBe(dropped.requests);
  }, 90_000);
});
