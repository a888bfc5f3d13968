/**
 * The dashboard's run views say what each run ran on, in real headless Chromium against a whole
 * in-process stack: Live shows the selected run's effective mock and client settings (and why it
 * failed), Compare warns when two runs ran on different settings.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/src/scenarios/load';
import type { ScenarioInput } from '../../harness/src/scenarios/schema';
import { startTestStack } from '../helpers';
import { finished } from '../reliability/support';
import { ensureDashboardBuilt } from './dashboard-build';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

const scenario = (mock: ScenarioInput['mock'], thresholds: ScenarioInput['thresholds'] = {}) =>
  parseScenario({
    name: 'settings-view',
    description: 'direct calls at 600 RPM for 1 s',
    mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 8 }],
    mock,
    seed: 5,
    startRate: 600,
    stages: [{ duration: '1s', target: 600 }],
    thresholds,
  });

describe.skipIf(!hasChromium)('run settings in the dashboard (Chromium)', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ensureDashboardBuilt();
    stack = await startTestStack();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it('shows the effective settings and the failure on Live, and warns on Compare', async () => {
    await finished(stack.runs.manager.start({ scenario: scenario({ timeScale: 0 }) }));
    await finished(
      stack.runs.manager.start({
        scenario: scenario(
          { profile: 'seed-typical', timeScale: 0 },
          { 'harness_latency_ms{pattern:agent}': ['p(95)<100000'] },
        ),
      }),
    );
    await page.goto(`${stack.url}/#/live`);
    const table = page.locator('[data-testid=run-settings-table]');
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain('profileseed-typical');
    expect(text).toContain('timeScale0');
    expect(text).toContain('seed5');
    expect(text).toContain('pooling');
    expect(await page.textContent('[data-testid=run-failure]')).toMatch(/no data for threshold/);

    await page.goto(`${stack.url}/#/compare`);
    const banner = page.locator('[data-testid=compare-warnings]');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/may not be comparable/);
    // the detail: which setting, the baseline's value and the candidate's
    const differ = page.locator('[data-testid=compare-settings-differ]');
    expect(await differ.textContent()).toMatch(/mock\.profile.*"ideal".*"seed-typical"/s);
  }, 120_000);
});
