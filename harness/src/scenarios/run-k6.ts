/**
 * Run a scenario with stock k6 (scenarios/k6/run.js) instead of the built-in driver, and account
 * for it the same way: k6 sends arrival N of the shared plan to `/api/invoke` with its index and
 * lateness, this side turns every arrival into the driver record the built-in engine would write
 * (same pattern, same forced fault, same span), arrivals k6 never sent become counted drops, and
 * the summary, live ticks, thresholds and report come from the same code as a built-in run. k6's
 * own summary and exit code are attached.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDuration, k6StartOffsetMs } from '../../../scenarios/lib/plan.js';
import { summarize } from '../driver/summary';
import { createTimeSeries, endedSecond } from '../driver/time-series';
import type { Accounting, CompletedRecord, DriverRecord, Outcome } from '../driver/types';
import { k6Arrivals } from './k6-arrivals';
import { planScenario } from './plan';
import { judgeRun, type ScenarioRunOptions, type ScenarioRunResult } from './run';
import type { Scenario } from './schema';

const K6_SCRIPT = fileURLToPath(new URL('../../../scenarios/k6/run.js', import.meta.url));
/** k6 exits 99 when a threshold failed. */
const K6_THRESHOLDS_FAILED = 99;

/** How to run a scenario through k6. */
export interface K6RunOptions extends ScenarioRunOptions {
  /** Flags passed to `k6 run` (after `--` on the command line); `--vus N` caps the VUs. */
  k6Args?: readonly string[];
}

/** What k6 itself reported. */
export interface K6Report {
  exitCode: number;
  /** k6's own threshold verdict (exit code 99 = a threshold failed). */
  thresholdsPassed: boolean;
  /** The key metrics of k6's end-of-test summary: harness_*, iterations, drops, http_req*, checks, vus_max. */
  metrics: Record<string, unknown>;
}

/**
 * `k6 run` arguments: the scenario (as validated JSON), the overrides, where to send and the user's
 * flags. `--vus N` becomes the arrival executor's VU cap (k6 ignores --vus when a script defines
 * scenarios); flags that would replace the scenario's own executor are refused by name.
 */
export function k6RunArgs(o: {
  scenarioJson: string;
  summaryPath: string;
  runId: string;
  harnessUrl: string;
  token?: string;
  overrides?: { rateRpm?: number; durationMs?: number };
  k6Args?: readonly string[];
}): string[] {
  const env: Record<string, string> = {
    SCENARIO_JSON: o.scenarioJson,
    SUMMARY_PATH: o.summaryPath,
    RUN_ID: o.runId,
    HARNESS_URL: o.harnessUrl,
    // A Poisson scenario's seeded instants, as the built-in driver fires them (scenarios/k6/run.js).
    ARRIVALS: 'seeded',
  };
  if (o.token) env.HARNESS_TOKEN = o.token;
  if (o.overrides?.rateRpm !== undefined) env.RATE = String(o.overrides.rateRpm);
  if (o.overrides?.durationMs !== undefined)
    env.DURATION = formatDuration(Math.round(o.overrides.durationMs));
  const passed: string[] = [];
  const user = [...(o.k6Args ?? [])];
  for (let i = 0; i < user.length; i++) {
    const a = user[i] ?? '';
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    if (flag === '--vus' || flag === '-u') {
      const n = Number(inline ?? user[++i]);
      if (!Number.isSafeInteger(n) || n < 1)
        throw new Error(`k6 flag ${flag}: expected a whole number of VUs ≥ 1`);
      env.MAX_VUS = String(n);
    } else if (['--duration', '-d', '--iterations', '-i', '--stage', '-s', '--rps'].includes(flag)) {
      throw new Error(
        `k6 flag ${flag} would replace the scenario's arrival executor: use harness run --rate/--duration instead`,
      );
    } else passed.push(a);
  }
  const args = ['run', '--no-color'];
  for (const [k, v] of Object.entries(env)) args.push('-e', `${k}=${v}`);
  return [...args, ...passed, K6_SCRIPT];
}

/** Run a validated scenario through k6 against this harness; throws when k6 is missing or fails. */
export async function runScenarioWithK6(
  s: Scenario,
  opts: K6RunOptions,
): Promise<ScenarioRunResult & { k6: K6Report }> {
  const plan = planScenario(s, opts.overrides);
  const offsets = plan.schedule.offsetsMs;
  const n = offsets.length;
  const warmupMs = plan.warmupMs;
  const dir = mkdtempSync(path.join(tmpdir(), 'harness-k6-'));
  const scenarioJson = path.join(dir, 'scenario.json');
  const summaryPath = path.join(dir, 'summary.json');
  writeFileSync(scenarioJson, JSON.stringify(s));

  const records: DriverRecord[] = [];
  const latenessMeasured: number[] = [];
  const begun = new Set<number>();
  const inFlight = new Map<number, number>();
  const totals: Accounting = { scheduled: n, ok: 0, errors: 0, dropped: 0, inFlightAtStop: 0, notStarted: 0 };
  const series = createTimeSeries({ expectedBetween: plan.schedule.expectedBetween, warmupMs });
  // The run's t = 0 on this clock: fixed by the first arrival (its planned offset and k6's lateness).
  let t0: number | undefined;
  let stopped = false;
  const epoch = (perf: number) => performance.timeOrigin + perf;
  const verdict = (r: DriverRecord, atPerf: number) => {
    records.push(r);
    series.verdict(r, atPerf - (t0 ?? atPerf));
    opts.onRecord?.(r);
  };

  const unlisten = k6Arrivals.listen(opts.runId, {
    begin(index, latenessMs, inboundMs) {
      if (index >= n || begun.has(index) || stopped) return {};
      // When k6 sent it: latency runs from there (plus k6's lateness), as the built-in driver's
      // includes the way to the handler.
      const sent = performance.now() - inboundMs;
      const offset = offsets[index] ?? 0;
      // Where k6 started arrival N (scenarios/k6/run.js): its lateness counts from there.
      if (t0 === undefined) t0 = sent - latenessMs - k6StartOffsetMs(plan.effective, offsets, index);
      begun.add(index);
      inFlight.set(index, sent);
      series.sent(sent - t0);
      if (offset >= warmupMs) latenessMeasured.push(latenessMs);
      return opts.headersFor?.(index) ?? {};
    },
    end(index, latenessMs, outcome: Outcome) {
      const sentPerf = inFlight.get(index);
      if (sentPerf === undefined || stopped) return false;
      inFlight.delete(index);
      const now = performance.now();
      const offset = offsets[index] ?? 0;
      const start = t0 ?? sentPerf;
      const record: CompletedRecord = {
        kind: 'completed',
        index,
        scheduledAt: epoch(start + offset),
        scheduledOffsetMs: offset,
        sentAt: epoch(sentPerf),
        latenessMs,
        // From the scheduled start, as the built-in driver measures: k6's lateness plus the unit's time.
        latencyMs: latenessMs + (now - sentPerf),
        outcome,
        warmup: offset < warmupMs,
      };
      if (outcome.ttftMs !== undefined) record.ttftMs = latenessMs + outcome.ttftMs;
      if (outcome.status === 'ok') totals.ok++;
      else totals.errors++;
      verdict(record, now);
      return true;
    },
  });

  const ticker = opts.onTick
    ? setInterval(() => {
        const elapsedMs = t0 === undefined ? 0 : performance.now() - t0;
        const last = series.second(endedSecond(elapsedMs));
        opts.onTick?.({ elapsedMs, inFlight: inFlight.size, totals: { ...totals }, last });
      }, 1000)
    : undefined;

  let exit: { code: number; stderr: string };
  try {
    exit = await spawnK6(
      k6RunArgs({
        scenarioJson,
        summaryPath,
        runId: opts.runId,
        harnessUrl: opts.harnessUrl ?? 'http://127.0.0.1:3000',
        ...(opts.token ? { token: opts.token } : {}),
        ...(opts.overrides ? { overrides: opts.overrides } : {}),
        ...(opts.k6Args ? { k6Args: opts.k6Args } : {}),
      }),
      opts.signal,
    );
  } finally {
    stopped = true;
    unlisten();
    if (ticker) clearInterval(ticker);
  }
  const aborted = opts.signal?.aborted === true;
  if (!aborted && exit.code !== 0 && exit.code !== K6_THRESHOLDS_FAILED) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `k6 exited with code ${exit.code}: ${exit.stderr.trim().split('\n').slice(-5).join('\n')}`,
    );
  }
  const endPerf = performance.now();
  const start = t0 ?? endPerf;
  const stopOffsetMs = aborted
    ? Math.min(endPerf - start, plan.schedule.durationMs)
    : plan.schedule.durationMs;
  let notStartedFrom = n;
  if (aborted) {
    notStartedFrom = offsets.findIndex((t, i) => t >= stopOffsetMs && !begun.has(i));
    if (notStartedFrom < 0) notStartedFrom = n;
  }
  // Arrivals k6 never sent before the stop were dropped (no free VU): k6's dropped_iterations.
  for (let i = 0; i < notStartedFrom; i++) {
    if (begun.has(i)) continue;
    const offset = offsets[i] ?? 0;
    totals.dropped++;
    const dropped = {
      kind: 'dropped',
      index: i,
      scheduledAt: epoch(start + offset),
      scheduledOffsetMs: offset,
    } as const;
    verdict({ ...dropped, droppedAt: epoch(start + offset), warmup: offset < warmupMs }, start + offset);
  }
  totals.notStarted = n - notStartedFrom;
  const stillInFlight = [...inFlight.keys()];
  totals.inFlightAtStop = stillInFlight.length;
  const summary = summarize({
    schedule: plan.schedule,
    warmupMs,
    startedAt: epoch(start),
    wallMs: endPerf - start,
    stopOffsetMs,
    aborted: notStartedFrom < n,
    totals,
    records,
    latenessMeasured,
    inFlightAtStop: stillInFlight,
    notStartedFrom,
    timeSeries: series.all(),
  });
  const k6 = readK6Summary(summaryPath, exit.code);
  rmSync(dir, { recursive: true, force: true });
  const judged = judgeRun(s, opts.runId, summary, (i) => plan.callFor(i).pattern);
  return { ...judged, passed: judged.passed && k6.thresholdsPassed, k6 };
}

/** Spawn k6; SIGINT on abort (k6 stops gracefully and still writes its summary). */
function spawnK6(args: string[], signal: AbortSignal | undefined): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('k6', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      stderr = (stderr + c).slice(-8192);
    });
    const stop = () => child.kill('SIGINT');
    signal?.addEventListener('abort', stop, { once: true });
    child.once('error', (e: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', stop);
      reject(
        e.code === 'ENOENT'
          ? new Error(
              'k6 is not on PATH. Install stock k6 v0.49+ (https://grafana.com/docs/k6/latest/set-up/install-k6/), or run with --engine builtin (the default).',
            )
          : e,
      );
    });
    child.once('close', (code) => {
      signal?.removeEventListener('abort', stop);
      resolve({ code: code ?? 1, stderr });
    });
  });
}

/** The part of k6's summary a report needs (its harness_* metrics and k6's own key metrics). */
function readK6Summary(file: string, exitCode: number): K6Report {
  let metrics: Record<string, unknown> = {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { metrics?: Record<string, unknown> };
    metrics = Object.fromEntries(
      Object.entries(data.metrics ?? {}).filter(([k]) =>
        /^(harness_|iterations$|dropped_iterations$|http_reqs$|http_req_duration$|http_req_failed$|checks$|vus_max$)/.test(
          k,
        ),
      ),
    );
  } catch {
    // k6 killed before handleSummary: the harness's own accounting still stands.
  }
  return { exitCode, thresholdsPassed: exitCode !== K6_THRESHOLDS_FAILED, metrics };
}
