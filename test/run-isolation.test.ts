import { createMockServer, type MockServer } from 'mock-providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockSettings } from '../harness/src/contracts/live';
import { parseScenario } from '../harness/src/scenarios/load';
import type { ScenarioInput } from '../harness/src/scenarios/schema';
import { getJson, post, startTestStack } from './helpers';
import { finished, freePort, spawnHarness, waitFor } from './reliability/support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** What a previous run or a user left on the mock: every field differs from what the runs apply. */
const LEFT_BEHIND: MockSettings = { profile: 'degraded', seed: 7, timeScale: 0, rateLimits: 'off' };
const LIMITS = { 'openai/gpt-4o-mini': { rpm: 5000 } };

/** A short inline scenario: direct calls at 600 RPM for 2 s on an instant mock. */
function tinyScenario(over: Partial<ScenarioInput> = {}) {
  return parseScenario({
    name: 'isolation-tiny',
    description: 'direct calls at 600 RPM for 2 s',
    mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 8 }],
    mock: { timeScale: 0, rateLimits: LIMITS },
    seed: 11,
    startRate: 600,
    stages: [{ duration: '2s', target: 600 }],
    thresholds: { harness_errors: ['rate<0.5'] },
    ...over,
  });
}

async function mockConfig(mockUrl: string): Promise<MockSettings> {
  return (await fetch(`${mockUrl}/__admin/config`)).json() as Promise<MockSettings>;
}
async function leaveBehind(mockUrl: string): Promise<void> {
  const res = await fetch(`${mockUrl}/__admin/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(LEFT_BEHIND),
  });
  expect(res.status).toBe(200);
}

/**
 * Each run applies its scenario's mock settings whole (documented defaults + its own + its seed),
 * starts from reset mock state, records what it ran on, and puts back what it found however it
 * ends: completed, failed (after measuring nothing, or at start), aborted, Ctrl-C of `harness run`.
 */
describe('run isolation on the in-process mock', () => {
  let stack: TestStack;
  let mockUrl = '';
  beforeAll(async () => {
    stack = await startTestStack();
    mockUrl = stack.providerUrl;
  });
  afterAll(async () => {
    await stack?.dispose();
  });
  beforeEach(async () => {
    await leaveBehind(mockUrl);
  });

  it('completed: runs on its own settings and fresh state, records them, puts back the old ones', async () => {
    // Traffic before the run on a route the run never uses: the run's reset must clear it.
    const before = await fetch(`${mockUrl}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }),
    });
    expect(before.status).toBeGreaterThan(0); // the degraded profile may fail it: it counts all the same
    // Another caller's client gets a breaker for a model the run never calls.
    await post(`${stack.url}/api/invoke/direct`, {
      provider: 'anthropic',
      model: 'claude-3-5-haiku-20241022',
      maxTokens: 8,
    });
    const otherBreakers = [...stack.clients.all().values()].flatMap((c) => Object.keys(c.breakers.states()));
    expect(otherBreakers).toEqual([expect.stringContaining('claude-3-5-haiku')]);

    const run = stack.runs.manager.start({ scenario: tinyScenario() });
    const result = await finished(run);
    expect(result.noData).toBeNull();
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const stats = await getJson(`${mockUrl}/__admin/stats`);
    expect(Object.keys(stats.byRoute).some((r) => r.includes('embeddings'))).toBe(false);
    expect(stats.requests).toBeGreaterThan(0);
    // The breaker strip shows the run's own client only.
    expect(Object.keys(run.lastTick?.breakers ?? {})).toEqual([expect.stringContaining('gpt-4o-mini')]);

    const { run: stored } = await getJson(`${stack.url}/api/runs/${run.info.runId}`);
    expect(stored.status).toBe('completed');
    expect(stored.settings.mock).toEqual({ profile: 'ideal', seed: 11, timeScale: 0, rateLimits: LIMITS });
    expect(stored.settings.client).toMatchObject({ pooling: true, retry: { maxRetries: 3 } });
    const report = await getJson(`${stack.url}/api/runs/${run.info.runId}/report`);
    expect(report.settings).toEqual(stored.settings);
    expect(report.failure).toBeNull();
    const md = await (await fetch(`${stack.url}/api/runs/${run.info.runId}/report?format=md`)).text();
    expect(md).toContain('mock: profile ideal · seed 11 · timeScale 0 · rateLimits {"openai/gpt-4o-mini"');
    expect(md).toContain('**Thresholds: PASS**');
    const html = await (await fetch(`${stack.url}/api/runs/${run.info.runId}/report?format=html`)).text();
    expect(html).toContain('profile ideal · seed 11 · timeScale 0');
    const seed = await (await fetch(`${stack.url}/api/runs/${run.info.runId}/report?format=seed`)).text();
    expect(seed).toContain('Mock: profile ideal · seed 11 · timeScale 0');

    // A second run with other settings: compare warns, naming each setting that differs.
    const second = stack.runs.manager.start({
      scenario: tinyScenario({ mock: { profile: 'seed-typical', timeScale: 0 } }),
    });
    await finished(second);
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const cmp = await getJson(`${stack.url}/api/compare?a=${run.info.runId}&b=${second.info.runId}`);
    expect(cmp.settingsDiffer.map((d: { setting: string }) => d.setting)).toEqual([
      'mock.profile',
      'mock.rateLimits',
      'mock.rateLimits.openai/gpt-4o-mini.rpm',
    ]);
    const cmpMd = await (
      await fetch(`${stack.url}/api/compare?a=${run.info.runId}&b=${second.info.runId}&format=md`)
    ).text();
    expect(cmpMd).toContain('Warning: the runs ran on different settings');
  }, 60_000);

  it('failed after measuring nothing a threshold names: no data, never PASS, settings put back', async () => {
    const run = stack.runs.manager.start({
      scenario: tinyScenario({ thresholds: { 'harness_latency_ms{pattern:agent}': ['p(95)<100000'] } }),
    });
    const result = await finished(run);
    expect(result.passed).toBe(false);
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const { run: stored } = await getJson(`${stack.url}/api/runs/${run.info.runId}`);
    expect(stored.status).toBe('failed');
    expect(stored.thresholdsPassed).toBe(false);
    expect(stored.summary.error).toMatch(/no data for threshold on harness_latency_ms\{pattern:agent\}/);
    const report = await getJson(`${stack.url}/api/runs/${run.info.runId}/report`);
    expect(report.thresholds).toEqual([expect.objectContaining({ observed: null, pass: false })]);
    expect(report.failure).toBe(stored.summary.error);
    const md = await (await fetch(`${stack.url}/api/runs/${run.info.runId}/report?format=md`)).text();
    expect(md).toContain('**Thresholds: NO DATA**');
    expect(md).toContain('| **no data** |');
    expect(md).not.toMatch(/PASS/);
  }, 60_000);

  it('failed after measuring no request at all: the run says so and exits as failed', async () => {
    const run = stack.runs.manager.start({
      scenario: tinyScenario({ startRate: 0, stages: [{ duration: '1s', target: 0 }], thresholds: {} }),
    });
    const result = await finished(run);
    expect(result.passed).toBe(false);
    const { run: stored } = await getJson(`${stack.url}/api/runs/${run.info.runId}`);
    expect(stored.status).toBe('failed');
    expect(stored.summary.error).toMatch(/no requests measured/);
    const md = await (await fetch(`${stack.url}/api/runs/${run.info.runId}/report?format=md`)).text();
    expect(md).toContain('**Thresholds: NO DATA**');
    expect(md).toContain('**FAILED: no requests measured');
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
  }, 60_000);

  it('failed start: a setting the mock refuses, or a target that does not answer, leaves the mock as it was', async () => {
    const refused = stack.runs.manager.start({ scenario: tinyScenario({ mock: { timeScale: 500 } }) });
    await expect(refused.result).rejects.toThrow(/mock settings.*timeScale/);
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const { run: r1 } = await getJson(`${stack.url}/api/runs/${refused.info.runId}`);
    expect(r1.status).toBe('failed');

    const closed = await freePort();
    const unreachable = stack.runs.manager.start({
      scenario: tinyScenario({ target: { kind: 'url', url: `http://127.0.0.1:${closed}/x` } }),
    });
    await expect(unreachable.result).rejects.toThrow(/unreachable/);
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const { run: r2 } = await getJson(`${stack.url}/api/runs/${unreachable.info.runId}`);
    expect(r2.status).toBe('failed');
    expect(r2.settings.mock).toMatchObject({ profile: 'ideal', seed: 11 });
  }, 60_000);

  it('aborted (stopped through the API), changed live meanwhile: the change is recorded, settings put back', async () => {
    const run = stack.runs.manager.start({
      scenario: tinyScenario({ stages: [{ duration: '5m', target: 600 }] }),
    });
    await waitFor('the first tick', () => run.lastTick, { timeoutMs: 30_000 });
    expect((await mockConfig(mockUrl)).profile).toBe('ideal');
    // A live change (the dashboard's mock control) during the run is recorded with the run.
    const live = await fetch(`${stack.url}/api/mock/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimits: 'off' }),
    });
    expect(live.status).toBe(200);
    expect((await post(`${stack.url}/api/runs/${run.info.runId}/stop`, {})).status).toBe(200);
    await run.result;
    expect(run.info.status).toBe('aborted');
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const { run: stored } = await getJson(`${stack.url}/api/runs/${run.info.runId}`);
    expect(stored.settings.mock.profile).toBe('ideal');
    expect(stored.settings.mockChanges).toEqual([
      {
        at: expect.any(String),
        settings: expect.objectContaining({ profile: 'ideal', rateLimits: 'off', seed: 11 }),
      },
    ]);
    const md = await (await fetch(`${stack.url}/api/runs/${run.info.runId}/report?format=md`)).text();
    expect(md).toMatch(/\*\*mock changed live during the run\*\* at .*rateLimits off/);
  }, 60_000);

  it('Ctrl-C of `harness run`: the run is aborted, the CLI exits non-zero, settings put back', async () => {
    const child = spawnHarness(['run', 'smoke', '--duration', '5m'], {
      HARNESS_PORT: String(stack.config.port),
    });
    try {
      await waitFor('the run to start', () => /run \S+: smoke/.test(child.stdout()), { timeoutMs: 45_000 });
      await waitFor('smoke settings on the mock', async () => (await mockConfig(mockUrl)).timeScale === 0.1);
      child.proc.kill('SIGINT');
      expect(await child.exited).toBe(1);
    } finally {
      await child.kill();
    }
    expect(await mockConfig(mockUrl)).toEqual(LEFT_BEHIND);
    const { runs } = await getJson(`${stack.url}/api/runs`);
    expect(runs[0]).toMatchObject({ scenario: 'smoke', status: 'aborted' });
  }, 90_000);
});

describe('run isolation on a separately started mock (HARNESS_PROVIDER_URL)', () => {
  let mock: MockServer;
  let stack: TestStack;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, host: '127.0.0.1', timeScale: 0 });
    stack = await startTestStack({ providerUrl: mock.url });
  });
  afterAll(async () => {
    await stack?.dispose();
    await mock?.close();
  });

  it('applies the scenario settings on that mock, records them, and puts back what it found', async () => {
    await leaveBehind(mock.url);
    const run = stack.runs.manager.start({ scenario: tinyScenario() });
    await finished(run);
    expect(await mockConfig(mock.url)).toEqual(LEFT_BEHIND);
    const { run: stored } = await getJson(`${stack.url}/api/runs/${run.info.runId}`);
    expect(stored.status).toBe('completed');
    expect(stored.settings.mock).toEqual({ profile: 'ideal', seed: 11, timeScale: 0, rateLimits: LIMITS });
    expect((await getJson(`${mock.url}/__admin/stats`)).requests).toBeGreaterThan(0);
  }, 60_000);
});
