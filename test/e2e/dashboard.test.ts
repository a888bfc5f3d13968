/**
 * The dashboard end to end in real headless Chromium against a whole in-process stack: start a
 * run from Control, watch Live fill with real numbers, switch the mock to an outage and see errors
 * rise, open a trace waterfall, compare two runs. Screenshots land in test-results/dashboard/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../helpers';
import { ensureDashboardBuilt } from './dashboard-build';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(import.meta.dirname, '../../test-results/dashboard');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`skipping the dashboard e2e suite: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

/** The number in a stat's text ("1,234/min" → 1234; "—" → NaN). */
const numberIn = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, '') || Number.NaN);

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const open = async (view: string) => {
    await page.click(`[data-testid=tab-${view}]`);
    await page.waitForURL(`**/#/${view}`);
  };
  const shot = async (name: string) => {
    await page.waitForTimeout(300); // let recharts settle its layout after the last data change
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  /** Longest `d` attribute among the matching SVG paths (0 when none is drawn yet). */
  const pathLengths = async (selector: string) =>
    Math.max(
      0,
      ...(await page
        .locator(selector)
        .evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').length))),
    );
  const statNumber = async (testId: string) => numberIn(await page.textContent(`[data-testid=${testId}]`));

  beforeAll(async () => {
    ensureDashboardBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startTestStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
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
    await page.fill('[data-testid=run-duration]', '12s');
    await page.click('[data-testid=run-start]');
    await page.waitForSelector('[data-testid=active-run]');

    await open('live');
    await expect.poll(() => statNumber('achieved-rpm'), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => pathLengths('[data-testid=chart-rate] path.recharts-line-curve'), { timeout: 10_000 })
      .toBeGreaterThan(20);
    expect(
      await page.locator('[data-testid=chart-latency] path.recharts-line-curve').count(),
    ).toBeGreaterThan(0);
    await shot('live-running-light');

    // The fault engine's outage profile, switched live from Control.
    await open('control');
    await page.selectOption('[data-testid=profile-select]', 'outage');
    await page.click('[data-testid=profile-apply]');
    await page.waitForSelector('.toast-info');
    expect(
      ((await (await fetch(`${stack.url}/api/mock/config`)).json()) as { profile: string }).profile,
    ).toBe('outage');
    await shot('control-light');

    await open('live');
    await expect.poll(() => statNumber('errors-total'), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=chart-errors] .recharts-bar-rectangle', { timeout: 10_000 });
    // The run ends; the view switches to its stored history and keeps the errors.
    await expect
      .poll(() => page.textContent('[data-testid=live-status]'), { timeout: 30_000 })
      .toBe('completed');
    await expect.poll(() => statNumber('errors-total'), { timeout: 10_000 }).toBeGreaterThan(0);
    await shot('live-finished-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('live-finished-dark');
    await page.setViewportSize({ width: 1024, height: 860 });
    await shot('live-finished-dark-1024');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'light' });
  }, 70_000);

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
    await shot('traces-light');
  });

  it('shows cost vs latency per pattern', async () => {
    await open('patterns');
    await page.waitForSelector('[data-testid=pattern-table] tbody tr');
    await page.waitForSelector('[data-testid=chart-scatter] .recharts-scatter-symbol');
    await shot('patterns-light');
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
    await shot('compare-light');
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
