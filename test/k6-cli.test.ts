/**
 * `harness run <scenario> --engine k6` through the real CLI process against a harness the test
 * started: a short smoke ends with the exit code its verdict gives and lands in the store as a k6
 * run with the right counts; Ctrl-C (SIGINT) of a running one stops the k6 child, marks the run
 * aborted, puts back the mock's settings and exits non-zero. Every wait is on a state, with
 * generous bounds, so a loaded machine only makes it slower.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockSettings } from '../harness/src/contracts/live';
import { runK6Tests } from '../harness/test/helpers/k6';
import { getJson, startTestStack } from './helpers';
import { sequenceOf } from './k6-sequence';
import { spawnHarness, waitFor } from './reliability/support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** What a user left on the mock before the run: every field differs from smoke's settings. */
const LEFT_BEHIND: MockSettings = { profile: 'degraded', seed: 7, timeScale: 0, rateLimits: 'off' };

/** Pids of the k6 processes of run `runId` (k6 gets `-e RUN_ID=<id>` on its command line). */
function k6ProcessesOf(runId: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (/(^|\/)k6$/.test(argv[0] ?? '') && argv.includes(`RUN_ID=${runId}`)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function mockConfig(url: string): Promise<MockSettings> {
  return (await fetch(`${url}/__admin/config`)).json() as Promise<MockSettings>;
}

describe.skipIf(!runK6Tests)('harness run --engine k6 through the CLI', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });
  beforeEach(async () => {
    const res = await fetch(`${stack.providerUrl}/__admin/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(LEFT_BEHIND),
    });
    expect(res.status).toBe(200);
  });

  it('runs a short smoke: exit code from its verdict, a k6 run in the store with the right counts', async () => {
    const child = spawnHarness(['run', 'smoke', '--engine', 'k6', '--rate', '120/m', '--duration', '6s'], {
      HARNESS_PORT: String(stack.config.port),
    });
    let code: number | string;
    try {
      code = await child.exited;
    } finally {
      await child.kill();
    }
    const runId = /run (\S+): smoke with k6/.exec(child.stdout())?.[1];
    expect(runId, `${child.stdout()}\n${child.stderr()}`).toBeDefined();
    const { run } = await getJson(`${stack.url}/api/runs/${runId}`);
    expect(run).toMatchObject({ engine: 'k6', status: 'completed', scenario: 'smoke' });
    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    // Exit 0 exactly when the run completed and its thresholds (the harness's and k6's) passed.
    expect(code, child.stderr()).toBe(report.passed === false ? 1 : 0);
    expect(child.stdout()).toContain(`report: harness report ${runId}`);
    // 120 RPM for 6 s: 12 arrivals, every one accounted for, in the store as driver spans.
    expect(report.totals.scheduled).toBe(12);
    expect(report.totals.ok + report.totals.errors + report.totals.dropped).toBe(12);
    expect(report.accounting.identityHolds).toBe(true);
    expect(report.store.reconciled).toBe(true);
    expect(await sequenceOf(stack, runId ?? '')).toHaveLength(12);
    expect(report.k6.iterations + report.k6.droppedIterations).toBe(12);
    expect(await mockConfig(stack.providerUrl)).toEqual(LEFT_BEHIND);
    expect(k6ProcessesOf(runId ?? '')).toEqual([]);
  }, 240_000);

  it('Ctrl-C stops the k6 child, marks the run aborted, puts back the mock settings, exits non-zero', async () => {
    const child = spawnHarness(['run', 'smoke', '--engine', 'k6', '--duration', '5m'], {
      HARNESS_PORT: String(stack.config.port),
    });
    let runId = '';
    try {
      runId = await waitFor('the run to start', () => /run (\S+): smoke with k6/.exec(child.stdout())?.[1], {
        timeoutMs: 90_000,
        everyMs: 200,
      });
      await waitFor('the k6 child', () => k6ProcessesOf(runId).length > 0, { timeoutMs: 90_000 });
      await waitFor(
        'smoke settings on the mock',
        async () => (await mockConfig(stack.providerUrl)).timeScale === 0.1,
      );
      // k6 has sent arrivals: the run is under way, not starting.
      await waitFor(
        'a first arrival from k6',
        async () =>
          (await getJson(`${stack.url}/api/runs`)).runs.length > 0 &&
          (await sequenceOf(stack, runId)).length > 0,
        { timeoutMs: 90_000, everyMs: 500 },
      );
      child.proc.kill('SIGINT');
      expect(await child.exited).toBe(1);
    } finally {
      await child.kill();
    }
    // The CLI ends after the run recorded its end, which waits for k6 to exit: no k6 left behind.
    expect(k6ProcessesOf(runId)).toEqual([]);
    const { run } = await getJson(`${stack.url}/api/runs/${runId}`);
    expect(run).toMatchObject({ engine: 'k6', status: 'aborted' });
    expect(await mockConfig(stack.providerUrl)).toEqual(LEFT_BEHIND);
    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    expect(report.accounting.identityHolds).toBe(true);
    expect(report.totals.notStarted).toBeGreaterThan(0);
  }, 300_000);
});
