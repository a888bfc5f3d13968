/**
 * Stock k6 drives a real harness (no fake invoke server): `POST /api/runs {engine: 'k6'}` spawns
 * scenarios/k6/run.js, every arrival lands in the store as a driver span, the run is registered with
 * `engine: k6` and its k6 summary, and the report, compare and seed views work on it. Also: the same
 * scenario and seed send the same pattern and forced-fault sequence on both engines and meet the
 * same random faults per arrival, and
 * `--execution-segment 0:1/2` sends half the arrivals. In CI (or HARNESS_REQUIRE_K6=1) these run
 * and fail without k6; elsewhere they are skipped when k6 is missing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../harness/src/scenarios/load';
import { runK6Tests } from '../harness/test/helpers/k6';
import { getJson, post, startTestStack, waitForRunEnd } from './helpers';
import { mockFaultsOf, sequenceOf } from './k6-sequence';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;
const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

describe.skipIf(!runK6Tests)('the k6 engine against a real harness', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs smoke through k6: registered as k6, every arrival in the store, reports work', async () => {
    const started = await post(`${stack.url}/api/runs`, {
      scenario: 'smoke',
      engine: 'k6',
      rate: '120/m',
      duration: '6s',
      k6Args: ['--vus', '50'],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    const done = await waitForRunEnd(stack, runId, 120_000);
    expect(done.status, JSON.stringify(done.summary?.error)).toBe('completed');
    expect(done.engine).toBe('k6');
    expect([0, 99]).toContain(done.summary.k6.exitCode);
    expect(done.summary.k6.metrics.harness_latency_ms).toBeDefined();

    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    expect(report.engine).toBe('k6');
    // k6 judged its thresholds on the same measured requests as the harness: the same verdict.
    expect(done.summary.k6.thresholdsPassed).toBe(report.thresholds.every((t: { pass: boolean }) => t.pass));
    expect(report.totals.scheduled).toBe(12);
    expect(report.accounting.identityHolds).toBe(true);
    expect(report.totals.ok + report.totals.errors + report.totals.dropped).toBe(12);
    expect(report.patterns.map((p: { pattern: string }) => p.pattern).sort()).toEqual([
      'batch',
      'direct',
      'streaming',
    ]);
    const sequence = await sequenceOf(stack, runId);
    expect(sequence).toHaveLength(12);
    // k6's own count of measured requests equals the harness's (warm-up excluded on both sides).
    const measured = report.accounting.ok + report.accounting.errors;
    expect(
      done.summary.k6.metrics.harness_errors.values.passes +
        done.summary.k6.metrics.harness_errors.values.fails,
    ).toBe(measured);
    const seed = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=seed`)).text();
    expect(seed).toMatch(/Total per day/);
    // k6's own figures, labelled as k6's, in every report format.
    expect(report.k6).toMatchObject({ source: 'k6', population: expect.stringMatching(/k6's own figures/) });
    expect(report.k6.iterations + report.k6.droppedIterations).toBe(12);
    expect(report.k6.httpReqs).toBe(report.k6.iterations);
    expect(report.k6.httpReqDuration.p50).toBeGreaterThan(0);
    expect(report.k6.vusMax).toBeLessThanOrEqual(50);
    const md = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=md`)).text();
    expect(md).toContain("## k6's own figures");
    expect(md).toMatch(/\| iterations started \| \d+ \| \d+ \|/);
    expect(md).toContain("| figure | k6 (k6's population) | harness (the harness's population) |");
    const html = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=html`)).text();
    expect(html).toContain("<h2>k6's own figures</h2>");
    expect(html).toContain('<td>latency p99</td>');

    // The built-in engine, same scenario, seed and overrides: the same arrivals, patterns and faults.
    const builtin = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: '120/m', duration: '6s' });
    const builtinId = builtin.body.runId as string;
    expect((await waitForRunEnd(stack, builtinId, 120_000)).status).toBe('completed');
    expect(await sequenceOf(stack, builtinId)).toEqual(sequence);
    // ...and the same random faults (seed-typical) call by call: the mock keys them to the arrival.
    const k6Faults = await mockFaultsOf(stack, runId);
    expect(k6Faults.length).toBeGreaterThanOrEqual(8);
    expect(await mockFaultsOf(stack, builtinId)).toEqual(k6Faults);
    expect((await getJson(`${stack.url}/api/runs/${builtinId}/report`)).k6).toBeNull();
    const cmp = await getJson(`${stack.url}/api/compare?a=${builtinId}&b=${runId}`);
    // the two engines' runs compare pattern by pattern, with the engine difference named
    const patterns = new Set(
      cmp.metrics.filter((m: { pattern?: string }) => m.pattern).map((m: { pattern: string }) => m.pattern),
    );
    expect(patterns.size).toBe(3);
    expect(cmp.warnings.join(' ')).toMatch(/engine/);
  }, 240_000);

  it('reproduces a failure scenario through k6 (forced sse_drop wave) with the same forced faults as the built-in engine', async () => {
    // Streams at 1/20 of the published latencies, so every request ends inside the graceful stop.
    const s = await loadScenario('sse-drop-wave');
    const definition = { ...s, mock: { ...s.mock, timeScale: 0.05 } };
    const body = { definition, rate: '600/m', duration: '6s' };
    const k6 = await post(`${stack.url}/api/runs`, { ...body, engine: 'k6' });
    expect(k6.status, JSON.stringify(k6.body)).toBe(202);
    const done = await waitForRunEnd(stack, k6.body.runId, 120_000);
    expect(done.status, JSON.stringify(done.summary?.error)).toBe('completed');
    const report = await getJson(`${stack.url}/api/runs/${k6.body.runId}/report`);
    expect(report.totals.scheduled).toBe(60);
    expect(report.accounting.identityHolds).toBe(true);
    const sequence = await sequenceOf(stack, k6.body.runId);
    // The wave (1m–1m30s of 3m) lands at 2s–3s of a 6 s run: 10 arrivals, 30 % forced.
    const forced = sequence.filter((x) => x.endsWith('|sse_drop'));
    expect(forced.length).toBeGreaterThan(0);
    expect(report.fidelity.observed.sse_drop ?? report.errorsByClass.sse_drop ?? 0).toBeGreaterThan(0);
    const builtin = await post(`${stack.url}/api/runs`, body);
    await waitForRunEnd(stack, builtin.body.runId, 120_000);
    expect(await sequenceOf(stack, builtin.body.runId)).toEqual(sequence);
  }, 240_000);

  it('splits the arrivals across k6 instances with --execution-segment (half here)', async () => {
    const runId = 'k6-segment-half';
    const summary = path.join(mkdtempSync(path.join(tmpdir(), 'k6-half-')), 'summary.json');
    await run(
      'k6',
      [
        'run',
        '--quiet',
        '--no-thresholds',
        '--execution-segment',
        '0:1/2',
        '--execution-segment-sequence',
        '0,1/2,1',
        '-e',
        'SCENARIO=smoke',
        '-e',
        'RATE=120/m',
        '-e',
        'DURATION=6s',
        '-e',
        `HARNESS_URL=${stack.url}`,
        '-e',
        `RUN_ID=${runId}`,
        '-e',
        `SUMMARY_PATH=${summary}`,
        'scenarios/k6/run.js',
      ],
      { cwd: root },
    );
    const data = JSON.parse(readFileSync(summary, 'utf8'));
    // The whole plan is 12 arrivals; this instance's half is every other one.
    expect(data.metrics.iterations.values.count).toBe(6);
  }, 120_000);
});
