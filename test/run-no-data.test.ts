import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { driveRun } from '../harness/src/cli/run-command';
import { API_ROUTES } from '../harness/src/contracts/routes';
import { getJson, startTestStack } from './helpers';

/**
 * `harness run` on a run that measured nothing: `smoke` at 1/min for 2 s sends its one request at
 * t = 0, inside the (scaled) warm-up. The run fails with the reason, the CLI exits 1 and prints its
 * thresholds as no data, and no view says PASS.
 */
describe('harness run: a run that measured nothing fails', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await stack?.dispose();
  });

  it('exits 1, prints "no data", and every format and the API say failed, never PASS', async () => {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
      out += String(c);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      err += String(c);
      return true;
    });
    const code = await driveRun({ baseUrl: stack.url, token: undefined }, 'smoke', {
      rate: '1/m',
      duration: '2s',
    });
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(out).toMatch(/threshold harness_errors rate<0\.2: — no data/);
    expect(out).toContain('thresholds: NO DATA');
    expect(out).toMatch(/FAILED: no requests measured/);
    expect(out).not.toContain('PASS');
    expect(err).toMatch(/failed: no requests measured/);

    const runId = /run (\S+): smoke/.exec(out)?.[1] as string;
    const { run } = await getJson(`${stack.url}/api/runs/${runId}`);
    expect(run).toMatchObject({ status: 'failed', thresholdsPassed: false });
    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    expect(report).toMatchObject({ status: 'failed', passed: false, verdict: 'NO DATA' });
    // a failed run's report still matches the API contract's schema, whole
    API_ROUTES.report.response.parse(report);
    expect(report.thresholds).toEqual([
      expect.objectContaining({ observed: null, pass: false, verdict: 'no data' }),
    ]);
    for (const format of ['md', 'html', 'seed']) {
      const text = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=${format}`)).text();
      expect(text, format).toMatch(/FAILED: no requests measured/);
      expect(text, format).not.toMatch(/\bPASS\b/);
    }
    const runs = await getJson(`${stack.url}/api/runs`);
    expect(runs.runs[0]).toMatchObject({ runId, status: 'failed', thresholdsPassed: false });
  }, 60_000);
});
