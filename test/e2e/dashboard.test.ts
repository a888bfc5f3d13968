/**
 * The dashboard end to end in real headless Chromium against a whole in-process stack: start a
 * run from Control, watch Live fill with real numbers, switch the mock to an outage and see errors
 * rise, open a trace waterfall, compare two runs. Screenshots land in test-results/dashboard/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../helpers';
import { CHROMIUM, launchChromium, longestPath, numberIn, saveShot } from './browser';
import { ensureDashboardBuilt, entryChunk } from './dashboard-build';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/dashboard');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`skipping the dashboard e2e suite: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const open = async (view: string) => {
    await page.click(`[data-testid=tab-${view}]`);
    await page.waitForURL(`**/#/${view}`);
  };
  /** A screenshot into test-results/; `docs` also refreshes the README's docs/<docs>.png. */
  const shot = async (name: string, docs?: string) => {
    // Messages close on a click; a picture of the view should not carry the last one.
    await page.locator('.toast .toast-text').evaluateAll((bs) => {
      for (const b of bs) (b as unknown as { click(): void }).click();
    });
    return saveShot(page, SHOTS, name, docs);
  };
  const pathLengths = (selector: string) => longestPath(page, selector);
  const statNumber = async (testId: string) => numberIn(await page.textContent(`[data-testid=${testId}]`));

  beforeAll(async () => {
    ensureDashboardBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startTestStack();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // The browser logs every non-2xx fetch; those are asserted where they are provoked.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('serves the app with a same-origin CSP and nosniff', async () => {
    const res = await fetch(`${stack.url}/traces/deep/link`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<div id="root">');
    const api = await fetch(`${stack.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('keeps the entry chunk under 150 kB gzipped (views and charts load on demand)', () => {
    const entry = entryChunk();
    expect(entry.gzipBytes, entry.file).toBeLessThan(150_000);
  });

  it('starts a run from Control and shows live numbers, then errors after switching to an outage', async () => {
    await page.goto(`${stack.url}/#/control`);
    await page.waitForSelector('[data-testid=connection].conn-connected');
    await page.waitForSelector('[data-testid=profile-select] option[value=outage]', { state: 'attached' });
    // A bad rate comes back as the server's own message.
    await page.selectOption('[data-testid=scenario-select]', 'smoke');
    await page.fill('[data-testid=run-rate]', 'lots');
    await page.click('[data-testid=run-start]');
    await page.waitForSelector('.toast-error');
    expect(await page.textContent('.toast-error')).toMatch(/rate/i);
    await page.click('.toast-error button');

    await page.fill('[data-testid=run-rate]', '240/m');
    // Long enough that the outage below is switched on while it still runs, on a busy machine too.
    await page.fill('[data-testid=run-duration]', '24s');
    await page.click('[data-testid=run-start]');
    await page.waitForSelector('[data-testid=active-run]');

    await open('live');
    await expect.poll(() => statNumber('achieved-rpm'), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => pathLengths('[data-testid=chart-rate] path.recharts-line-curve'), { timeout: 10_000 })
      .toBeGreaterThan(20);
    // Latency appears once the first requests complete (a second or more after the first send).
    await expect
      .poll(() => page.locator('[data-testid=chart-latency] path.recharts-line-curve').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    await shot('live-running-light');

    // The fault engine's outage profile, switched live from Control.
    await open('control');
    await page.selectOption('[data-testid=profile-select]', 'outage');
    await page.click('[data-testid=profile-apply]');
    await page.waitForSelector('.toast-info');
    expect(
      ((await (await fetch(`${stack.url}/api/mock/config`)).json()) as { profile: string }).profile,
    ).toBe('outage');
    await shot('control-light', 'dashboard-control');

    await open('live');
    await expect.poll(() => statNumber('errors-total'), { timeout: 20_000 }).toBeGreaterThan(0);
    await page
      .waitForSelector('[data-testid=chart-errors] .recharts-bar-rectangle', { timeout: 20_000 })
      .catch(async (e) => {
        await shot('debug-errors');
        throw e;
      });
    // The run ends; the view switches to its stored history and keeps the errors.
    await expect
      .poll(() => page.textContent('[data-testid=live-status]'), { timeout: 45_000 })
      .toBe('completed');
    await expect.poll(() => statNumber('errors-total'), { timeout: 10_000 }).toBeGreaterThan(0);

    // Reloaded, the finished run comes from the store alone: its planned rate, in-flight and queue
    // depth were kept each second, and latency and TTFT are drawn per pattern, warm-up shaded.
    await page.reload();
    await page.waitForSelector('[data-testid=connection].conn-connected');
    await expect.poll(() => page.textContent('[data-testid=live-status]')).toBe('completed');
    await expect.poll(() => statNumber('target-rpm'), { timeout: 10_000 }).toBe(240);
    expect(await page.locator('.stat', { has: page.getByTestId('target-rpm') }).textContent()).toContain(
      'target RPM (planned peak)',
    );
    expect(await statNumber('in-flight')).toBeGreaterThan(0);
    // The run-wide results of a finished run come from its report (the one metrics module).
    await expect.poll(() => statNumber('measured-latency-p95'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await statNumber('queue-depth')).toBeGreaterThanOrEqual(0);
    await expect
      .poll(() => page.locator('[data-testid=chart-latency] .recharts-legend-item-text').allTextContents())
      .toEqual(['batch', 'direct', 'streaming']);
    expect(await page.locator('[data-testid=chart-latency] path.recharts-line-curve').count()).toBe(3);
    await page.waitForSelector('[data-testid=chart-ttft] path.recharts-line-curve');
    expect(
      await page.locator('[data-testid=chart-ttft] .recharts-legend-item-text').allTextContents(),
    ).toContain('streaming');
    expect(await page.locator('[data-testid=chart-latency] .recharts-reference-area').count()).toBe(1);
    await expect
      .poll(() => pathLengths('[data-testid=chart-rate] path.recharts-line-curve'), { timeout: 10_000 })
      .toBeGreaterThan(20);
    expect(
      await page.locator('[data-testid=chart-rate] .recharts-legend-item-text').allTextContents(),
    ).toContain('target (planned)');

    // The run's instrument error beside its figures: the verdict, its population, the three quantities.
    await page.waitForSelector('[data-testid=instrument-verdict]');
    expect(await page.textContent('[data-testid=instrument-verdict]')).toMatch(
      /^(Reliable|UNRELIABLE) run: /,
    );
    expect(await page.textContent('[data-testid=instrument-population]')).toMatch(
      /requests compared: the measured window \(warm-up excluded\)/,
    );
    expect(
      await page.locator('[data-testid=instrument-errors] tbody tr td:first-child').allTextContents(),
    ).toEqual(['TTFT error', 'e2e error', "mock's own lateness"]);
    expect(await page.locator('[data-testid=instrument-loops] tbody tr').count()).toBeGreaterThan(0);
    await shot('live-finished-light', 'dashboard-live');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('live-finished-dark', 'dashboard-live-dark');
    await page.setViewportSize({ width: 1024, height: 860 });
    await shot('live-finished-dark-1024');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'light' });
  }, 120_000);

  it('opens a trace waterfall with the mock ground truth from the Traces view', async () => {
    await open('traces');
    // The slowest streaming calls of the outage run reached the mock (fast ones were refused by the
    // open breaker), so their traces hold the mock's ground-truth spans.
    await page.selectOption('[data-testid=traces-pattern]', 'streaming');
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/traces?') && r.url().includes('pattern=streaming'),
    );
    await page.click('[data-testid=traces-search]');
    expect((await searched).status()).toBe(200);
    await expect
      .poll(async () => {
        const patterns = await page
          .locator('[data-testid=trace-table] tbody tr td:nth-child(2)')
          .allTextContents();
        return patterns.length > 0 && patterns.every((p) => p === 'streaming');
      })
      .toBe(true);
    const first = page.locator('[data-testid=trace-table] tbody tr').first();
    await first.waitFor();
    await first.click();
    await expect.poll(() => page.locator('[data-testid=wf-row]').count()).toBeGreaterThanOrEqual(3);
    const names = await page.locator('[data-testid=wf-row] .wf-name').allTextContents();
    expect(names.some((n) => n.startsWith('load_request'))).toBe(true);
    expect(
      names.some((n) => n.includes('mock truth')),
      names.join(' | '),
    ).toBe(true);
    await page.waitForSelector('[data-testid=span-details] .hl');
    await shot('traces-light', 'dashboard-traces');
  });

  it("finds your app's own OTLP trace by service and attribute, and any trace by id", async () => {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'users-app' }),
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: stack.otlp.url }))],
    });
    const span = provider.getTracer('app').startSpan('checkout', {
      attributes: { 'order.user': 'alice', 'app.wait_ms': 30.999999999976048, 'app.note': 'x'.repeat(120) },
    });
    const traceId = span.spanContext().traceId;
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
    await stack.spans.flush();

    await page.goto(`${stack.url}/#/traces`);
    await page.click('[data-testid=traces-mode-spans]');
    await page.waitForSelector('[data-testid=spans-service] option[value=users-app]', { state: 'attached' });
    await page.selectOption('[data-testid=spans-service]', 'users-app');
    await page.fill('[data-testid=spans-attr]', 'order.user=alice');
    await page.click('[data-testid=spans-search]');
    await expect
      .poll(() => page.locator('[data-testid=span-table] tbody tr td:nth-child(2)').allTextContents())
      .toEqual(['users-app']);
    await page.locator('[data-testid=span-table] tbody tr').first().click();
    await page.waitForSelector('[data-testid=wf-row]');
    // The span panel rounds with the unit and gives a long value its own wrapped line.
    const wait = page.locator('[data-testid=span-details] div', { hasText: 'app.wait_ms' }).locator('dd');
    expect(await wait.textContent()).toBe('31.0 ms');
    expect(await page.locator('[data-testid=span-details] .long dd').count()).toBe(1);
    await shot('traces-otlp-light', 'dashboard-traces-otlp');

    // A bad attribute filter is refused naming the field and the shape it expects.
    await page.fill('[data-testid=spans-attr]', 'no-equals-sign');
    await page.click('[data-testid=spans-search]');
    await expect.poll(() => page.textContent('.page')).toMatch(/attr: expected key=value/);

    // By id: a typo is named before anything is sent; the real id opens the waterfall.
    await page.fill('[data-testid=trace-id]', 'xyz');
    expect(await page.textContent('[data-testid=trace-id-error]')).toMatch(/32 hexadecimal characters/);
    await page.goto(`${stack.url}/#/traces?trace=${traceId}`);
    await expect.poll(() => page.inputValue('[data-testid=trace-id]')).toBe(traceId);
    await expect
      .poll(() => page.locator('[data-testid=wf-row] .wf-name').allTextContents())
      .toEqual([expect.stringContaining('checkout')]);
  }, 60_000);

  it('shows cost vs latency per pattern', async () => {
    await open('patterns');
    await page.waitForSelector('[data-testid=pattern-table] tbody tr');
    await page.waitForSelector('[data-testid=chart-scatter] .recharts-scatter-symbol');
    await shot('patterns-light', 'dashboard-patterns');
  });

  it('compares two runs: deltas table and overlaid series', async () => {
    // A second, fault-free run to compare against the outage run.
    await open('control');
    await page.fill('[data-testid=run-rate]', '240/m');
    await page.fill('[data-testid=run-duration]', '4s');
    await page.click('[data-testid=run-start]');
    await page.waitForSelector('[data-testid=active-run]');
    await page.waitForSelector('[data-testid=active-run]', { state: 'detached', timeout: 30_000 });

    await open('compare');
    await page.waitForSelector('[data-testid=delta-table] tbody tr');
    const metrics = await page.locator('[data-testid=delta-table] tbody tr td:first-child').allTextContents();
    expect(metrics).toContain('latency p95');
    expect(metrics).toContain('error rate');
    expect(
      await page.locator('[data-testid=delta-table] tr.improved, [data-testid=delta-table] tr.worse').count(),
    ).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=chart-compare-latency] path.recharts-line-curve');
    await shot('compare-light', 'dashboard-compare');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('compare-dark');
    await open('traces');
    await page.locator('[data-testid=trace-table] tbody tr').first().click();
    await page.waitForSelector('[data-testid=wf-row]');
    await shot('traces-dark');
  }, 45_000);

  it('raised no page errors', () => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
