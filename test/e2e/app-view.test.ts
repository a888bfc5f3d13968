/**
 * The dashboard's "Your app" view in real headless Chromium, for a real URL-target run: the example
 * app (a child process: Express + openai SDK with retries + OpenTelemetry, ending a broken stream
 * cleanly) loaded by examples/your-app/scenario.js with its 429 and SSE-drop windows. The view shows
 * the report's app section — endpoints, provider calls and cost per app request, the resilience
 * table — and its example links open the trace's waterfall. Screenshots in test-results/dashboard/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/src/runs/report/report-data';
import { loadScenarioFile } from '../../harness/src/scenarios/load-file';
import type { Scenario } from '../../harness/src/scenarios/schema';
import { APP_DIR, type ExampleApp, startApp, stopApp } from '../example-app';
import { getJson, post, startTestStack, waitForRunEnd } from '../helpers';
import { CHROMIUM, launchChromium, saveShot } from './browser';
import { ensureDashboardBuilt } from './dashboard-build';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/dashboard');
const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)('the Your app view in Chromium, for a real URL-target run', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let browser: Browser;
  let page: Page;
  let app: ExampleApp | undefined;
  let runId: string;
  let report: RunReport;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureDashboardBuilt();
    stack = await startTestStack();
    process.env.EXAMPLE_TIME_SCALE = '0.1';
    const { scenario } = await loadScenarioFile(path.join(APP_DIR, 'scenario.js'));
    app = await startApp({
      MOCK_PORT: String(stack.mock?.server.port),
      OTLP_PORT: String(stack.otlp.port),
      EXAMPLE_RETRIES: '2',
      EXAMPLE_STREAM_BREAK: 'end',
    });
    const run = stack.runs.manager.start({
      scenario: {
        ...scenario,
        target: { ...scenario.target, kind: 'url', url: app.url } as Scenario['target'],
      },
    });
    runId = run.info.runId;
    await run.result;
    await stopApp(app.proc);
    await stack.spans.flush();
    report = (await getJson(`${stack.url}/api/runs/${runId}/report`)) as RunReport;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
  }, 90_000);

  afterAll(async () => {
    if (app) await stopApp(app.proc);
    await browser?.close();
    await stack?.dispose();
  });

  it("shows the run's endpoints, provider calls and cost per app request, as the report has them", async () => {
    const section = report.app;
    if (!section) throw new Error('the URL-target run has no app section');
    await page.goto(`${stack.url}/#/app?run=${runId}`);
    await page.waitForSelector('[data-testid=app-endpoints] tbody tr');
    expect(await page.textContent('[data-testid=app-requests]')).toBe(section.requests.toLocaleString('en'));
    expect(await page.textContent('[data-testid=app-services]')).toBe('example-app');
    const endpoints = await page
      .locator('[data-testid=app-endpoints] tbody tr td:first-child')
      .allTextContents();
    expect(endpoints).toEqual(['POST /chat', 'POST /chat/stream', 'POST /summarize-batch']);
    // The fan-out endpoint: three provider calls per request, more where the SDK retried a 429.
    const want = section.endpoints.find((e) => e.endpoint === 'POST /summarize-batch')?.providerCalls;
    expect(want?.perRequest.min).toBe(3);
    const batch = page.locator('[data-testid=app-endpoints] tbody tr', { hasText: 'POST /summarize-batch' });
    expect(await batch.textContent()).toContain(
      `${want?.perRequest.avg?.toFixed(2)} (max ${want?.perRequest.max})`,
    );
    expect(await batch.textContent()).toContain(
      `${want?.retryCount.total} (${want?.retryCount.sdkReported} + ${want?.retryCount.inferred})`,
    );
    expect(await page.textContent('[data-testid=app-cost-per-request]')).toMatch(/^\$/);
    // The openai SDK numbers every call: the population of the SDK-reported retries is all of them.
    const calls = section.endpoints.reduce((a, e) => a + e.providerCalls.total, 0);
    expect(await page.textContent('[data-testid=app-retries-hint]')).toContain(
      `${calls.toLocaleString('en')} of ${calls.toLocaleString('en')} provider calls`,
    );
  });

  it('shows the resilience table: 429s absorbed by the SDK, cleanly ended broken streams degraded', async () => {
    const rows = page.locator('[data-testid=app-resilience] tbody tr');
    const faults = await page
      .locator('[data-testid=app-resilience] tbody tr td:nth-child(2)')
      .allTextContents();
    expect(new Set(faults)).toEqual(new Set(['rate_limit', 'sse_drop']));
    const drop = rows.filter({ hasText: 'sse_drop' });
    const want = report.app?.resilience.find((r) => r.fault === 'sse_drop');
    expect(want?.degraded).toBeGreaterThan(0);
    expect(await drop.locator('td:nth-child(7)').textContent()).toBe(String(want?.degraded));
    await page.waitForSelector('[data-testid=chart-resilience] .recharts-bar-rectangle');
    await saveShot(page, SHOTS, 'app-light', 'dashboard-app');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveShot(page, SHOTS, 'app-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // An example link opens that trace's waterfall: driver → app → mock.
    const link = drop.locator('a.trace-link').first();
    const traceId = (await link.getAttribute('title')) ?? '';
    await link.click();
    await page.waitForURL(`**/#/traces?trace=${traceId}`);
    await expect
      .poll(() => page.locator('[data-testid=wf-row]').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    const names = await page.locator('[data-testid=wf-row] .wf-name').allTextContents();
    expect(names.some((n) => n.startsWith('load_request'))).toBe(true);
    expect(names.some((n) => n.includes('POST /chat/stream'))).toBe(true);
  });

  it('says so for a run that targeted the built-in client', async () => {
    const started = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: '120/m', duration: '2s' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const builtinId = started.body.runId as string;
    await waitForRunEnd(stack, builtinId);
    await page.goto(`${stack.url}/#/app?run=${builtinId}`);
    await page.waitForSelector('[data-testid=app-none]');
    // The run list says what each run drove; unchosen, the view opens the newest URL-target run.
    const { runs } = await getJson(`${stack.url}/api/runs`);
    const targets = Object.fromEntries(
      runs.map((r: { runId: string; target: string }) => [r.runId, r.target]),
    );
    expect([targets[runId], targets[builtinId]]).toEqual(['url', 'builtin']);
    await page.goto(`${stack.url}/#/app`);
    await page.waitForSelector('[data-testid=app-endpoints] tbody tr');
  }, 30_000);

  it('raised no page errors', () => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
