/**
 * The user's own app driven by stock k6 (`harness run examples/your-app/scenario.js --engine k6`):
 * k6 sends each arrival to the app itself, the harness run opens it (`…/arrivals/:index/begin`,
 * which answers its traceparent) and records what k6 saw (`…/end`), so the run has the same driver
 * records, one trace per request through the app to the mock, and the same app section as the
 * built-in engine.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../harness/src/runs/report/report-data';
import { loadScenarioFile } from '../harness/src/scenarios/load-file';
import type { Scenario } from '../harness/src/scenarios/schema';
import { runK6Tests } from '../harness/test/helpers/k6';
import { APP_DIR, type ExampleApp, startApp, stopApp } from './example-app';
import { getJson, post, startTestStack, waitForRunEnd } from './helpers';

describe.skipIf(!runK6Tests)('your app under k6: k6 → app → mock, one trace per arrival', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let app: ExampleApp;
  let scenario: Scenario;

  beforeAll(async () => {
    stack = await startTestStack();
    process.env.EXAMPLE_TIME_SCALE = '0.1';
    scenario = (await loadScenarioFile(path.join(APP_DIR, 'scenario.js'))).scenario;
    app = await startApp({
      MOCK_PORT: String(stack.mock?.server.port),
      OTLP_PORT: String(stack.otlp.port),
      EXAMPLE_RETRIES: '0',
      EXAMPLE_STREAM_BREAK: 'end',
    });
  }, 60_000);
  afterAll(async () => {
    if (app) await stopApp(app.proc);
    await stack?.dispose();
  });

  it('records every arrival, joins the app and mock spans to its trace, and reports the app section', async () => {
    const definition = { ...scenario, target: { ...scenario.target, kind: 'url', url: app.url } };
    const started = await post(`${stack.url}/api/runs`, { definition, engine: 'k6' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await waitForRunEnd(stack, started.body.runId, 180_000);
    expect(done.status, JSON.stringify(done.summary?.error)).not.toBe('failed');
    await stopApp(app.proc);
    await stack.spans.flush();
    const report = (await getJson(`${stack.url}/api/runs/${started.body.runId}/report`)) as RunReport;
    expect(report.accounting.identityHolds).toBe(true);
    expect(report.store.reconciled).toBe(true);
    expect(report.totals.ok).toBeGreaterThan(20);
    const section = report.app;
    if (!section) throw new Error(`no app section: ${JSON.stringify(report).slice(0, 400)}`);
    // The traceparent the run answered reached the app: every measured request's trace holds its span.
    expect(section.services).toEqual(['example-app']);
    expect(section.requests).toBeGreaterThan(20);
    expect(section.joined).toBe(section.requests);
    expect(section.endpoints.map((e) => e.endpoint).sort()).toEqual([
      'POST /chat',
      'POST /chat/stream',
      'POST /summarize-batch',
    ]);
    // The forced 429 window reached the mock through baggage and the app surfaced it.
    const limited = section.resilience.filter((r) => r.fault === 'rate_limit');
    expect(limited.reduce((a, r) => a + r.surfaced, 0)).toBeGreaterThan(0);
    expect(report.k6?.iterations).toBeGreaterThan(0);
  }, 240_000);
});
