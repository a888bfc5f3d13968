/**
 * The HTML run report in real headless Chromium, from a real run with a warm-up and a forced fault
 * window: every legend swatch has its series' colour, axes carry tick labels and units, warm-up and
 * fault windows are shaded and named, per-pattern latency/TTFT over time and distributions are
 * drawn, the slowest and failed requests link to the dashboard's trace view (and the link opens
 * that trace). Screenshots (light, dark) land in test-results/report/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../harness/src/scenarios/load';
import { startTestStack } from '../helpers';
import { CHROMIUM, launchChromium, saveShot } from './browser';
import { ensureDashboardBuilt } from './dashboard-build';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/report');

describe.skipIf(!existsSync(CHROMIUM))('HTML report in Chromium', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let browser: Browser;
  let page: Page;
  let runId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureDashboardBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startTestStack();
    const smoke = await loadScenario('smoke');
    const scenario: typeof smoke = {
      ...smoke,
      stages: [{ duration: '6s', target: 240 }],
      startRate: 240,
      warmup: '1s',
      faults: [{ kind: 'content_filter', probability: 0.5, pattern: 'direct', from: '2s', until: '4s' }],
    };
    const run = stack.runs.manager.start({ scenario });
    runId = run.info.runId;
    await run.result;
    await stack.spans.flush();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('draws readable charts: coloured legends, ticks, units, shaded warm-up and fault windows', async () => {
    await page.goto(`${stack.url}/api/runs/${runId}/report?format=html`);
    const captions = await page.locator('figcaption').allTextContents();
    expect(captions).toEqual(
      expect.arrayContaining([
        'Latency p95 per pattern over time',
        'TTFT p50 per pattern over time',
        'Latency distribution per pattern (CDF, measured window)',
        'TTFT distribution per pattern (CDF, measured window)',
      ]),
    );
    // Every legend swatch is coloured and matches a line or bar of its chart.
    const figures = await page.locator('figure').evaluateAll((fs) =>
      fs.map((f) => ({
        title: f.querySelector('figcaption')?.textContent ?? '',
        swatches: [...f.querySelectorAll('.legend rect')].map((r) => r.getAttribute('fill') ?? ''),
        drawn: [...f.querySelectorAll('svg[role=img] path, svg[role=img] rect:not(.band)')].map(
          (p) => p.getAttribute('stroke') ?? p.getAttribute('fill') ?? '',
        ),
        bands: [...f.querySelectorAll('svg[role=img] .band-label')].map((t) => t.textContent ?? ''),
        xTicks: f.querySelectorAll('svg[role=img] text[text-anchor=middle]').length,
      })),
    );
    for (const f of figures) {
      expect(f.swatches.length, f.title).toBeGreaterThan(0);
      for (const s of f.swatches) expect(s, f.title).toMatch(/^#[0-9a-f]{6}$/);
      const lineSwatches = f.swatches.filter((s) => s !== '#9ca3af' && s !== '#f97316');
      for (const s of lineSwatches) expect(f.drawn, `${f.title}: ${s}`).toContain(s);
      expect(f.xTicks, f.title).toBeGreaterThan(2);
    }
    const latency = figures.find((f) => f.title === 'Latency p95 per pattern over time');
    expect(latency?.bands).toEqual(['warm-up', 'content_filter 50 % on direct']);
    expect(latency?.swatches.length).toBe(5); // three patterns + two windows
    // The axes are labelled with their units.
    const labels = await page.locator('svg[role=img] text').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['time since start (s)', 'latency p95 (ms, log)']));
    // No empty trailing row in any table.
    const emptyRows = await page
      .locator('tbody tr')
      .evaluateAll((rows) => rows.filter((r) => (r.textContent ?? '').trim() === '').length);
    expect(emptyRows).toBe(0);
    await saveShot(page, SHOTS, 'report-light', 'report');
    await page.locator('.charts').screenshot({ path: path.join(SHOTS, 'report-charts-light.png') });
    if (process.env.HARNESS_UPDATE_DOCS === '1')
      await page.locator('.charts').screenshot({ path: path.resolve(SHOTS, '../../docs/report-charts.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveShot(page, SHOTS, 'report-dark');
    await page.locator('.charts').screenshot({ path: path.join(SHOTS, 'report-charts-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('lists the slowest and the failed requests per pattern, linked to the trace view', async () => {
    await page.goto(`${stack.url}/api/runs/${runId}/report?format=html`);
    const sections = await page
      .locator('section.pattern-requests')
      .evaluateAll((ss) => ss.map((s) => s.getAttribute('data-pattern')));
    expect(sections).toEqual(['batch', 'direct', 'streaming']);
    const failed = page.locator('section[data-pattern=direct] table[data-kind=failed] tbody tr');
    expect(await failed.count()).toBeGreaterThan(0);
    expect(await failed.first().textContent()).toContain('content_filter');
    const link = page.locator('section[data-pattern=streaming] table[data-kind=slowest] a').first();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^${stack.url}/#/traces\\?trace=[0-9a-f]{32}$`));
    const traceId = href.split('trace=')[1] ?? '';
    await link.click();
    await page.waitForURL('**/#/traces?trace=*');
    // The Traces chunk, the trace and its layout load on demand: wait for them, however slow the box.
    await page.waitForSelector('[data-testid=wf-row]', { timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid=wf-row]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.inputValue('[data-testid=trace-id]')).toBe(traceId);
  });

  it('raised no page errors', () => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
