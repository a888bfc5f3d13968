import { io } from 'socket.io-client';
import { parseDuration, parseRate } from '../../../scenarios/lib/plan.js';
import { ceilingDir, ceilingWarnings, readCeilings } from '../capacity/ceiling-file';
import type { ClientToServerEvents, LiveTick, RunInfo, ServerToClientEvents } from '../contracts/live';
import type { RunReport } from '../runs/report/report-data';
import { loadRegistry, loadScenario } from '../scenarios/load';
import { isScenarioPath, loadScenarioFile } from '../scenarios/load-file';
import { type ApiTarget, callApi } from './api-client';
import { openHarnessSession } from './harness-session';
import { runWithK6 } from './k6-command';
import { createProgressPrinter } from './progress';
import { summaryText } from './summary-table';

/** Options of `harness run`. */
export interface RunOptions {
  engine: string;
  rate?: string;
  duration?: string;
}

/** Check the scenario name and the rate/duration syntax before anything starts. */
export async function validateRunArgs(scenario: string, opts: RunOptions): Promise<void> {
  const registry = await loadRegistry();
  if (isScenarioPath(scenario)) {
    await loadScenarioFile(scenario);
    if (opts.engine === 'k6') throw new Error('a scenario file runs with --engine builtin for now');
  } else if (!Object.hasOwn(registry, scenario)) {
    throw new Error(
      `unknown scenario "${scenario}": valid names are ${Object.keys(registry).sort().join(', ')}`,
    );
  }
  if (opts.engine !== 'builtin' && opts.engine !== 'k6')
    throw new Error(`unknown engine "${opts.engine}": valid engines are builtin, k6`);
  if (opts.rate !== undefined) parseRate(opts.rate);
  if (opts.duration !== undefined) parseDuration(opts.duration);
}

/**
 * `harness run <scenario>`: drive a scenario with live progress, print the summary, and exit
 * non-zero when a threshold fails or the run does not complete (usable in CI).
 */
export async function runCommand(scenario: string, opts: RunOptions): Promise<number> {
  await validateRunArgs(scenario, opts);
  const rateRpm = opts.rate === undefined ? undefined : parseRate(opts.rate);
  const loaded = isScenarioPath(scenario)
    ? (await loadScenarioFile(scenario)).scenario
    : await loadScenario(scenario);
  for (const w of ceilingWarnings(loaded, rateRpm, readCeilings(ceilingDir())))
    process.stderr.write(`warning: ${w}\n`);
  const session = await openHarnessSession();
  try {
    if (opts.engine === 'k6') return await runWithK6(scenario, opts, session.target);
    return await driveRun(session.target, scenario, opts);
  } finally {
    await session.close();
  }
}

/** Start a run on a harness, print its live progress and its summary; the exit code for CI. */
export async function driveRun(
  target: ApiTarget,
  scenario: string,
  opts: Omit<RunOptions, 'engine'>,
): Promise<number> {
  {
    const socket = io(target.baseUrl, {
      transports: ['websocket'],
      ...(target.token ? { auth: { token: target.token } } : {}),
    }) as import('socket.io-client').Socket<ServerToClientEvents, ClientToServerEvents>;
    const printer = createProgressPrinter();
    let runId = '';
    const finished = new Promise<RunInfo>((resolve) => {
      socket.on('run:tick', (t: LiveTick) => {
        if (t.runId === runId) printer.tick(t);
      });
      socket.on('run:finished', (r) => {
        if (r.runId === runId) resolve(r);
      });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (e) => reject(new Error(`cannot open the live feed: ${e.message}`)));
    });
    const definition = isScenarioPath(scenario) ? (await loadScenarioFile(scenario)).raw : undefined;
    const started = await callApi<{ runId: string }>(target, '/api/runs', {
      body: {
        ...(definition === undefined ? { scenario } : { definition }),
        ...(opts.rate ? { rate: opts.rate } : {}),
        ...(opts.duration ? { duration: opts.duration } : {}),
      },
    });
    runId = started.runId;
    process.stdout.write(`run ${runId}: ${scenario} (dashboard: ${target.baseUrl}/)\n`);
    const stop = () => {
      process.stdout.write('\nstopping the run…\n');
      void callApi(target, `/api/runs/${runId}/stop`, { method: 'POST', body: {} }).catch(() => {});
    };
    process.once('SIGINT', stop);
    const run = await finished;
    process.off('SIGINT', stop);
    printer.end();
    socket.close();
    // A run that failed after measuring (e.g. no data for a threshold) still has a summary to show.
    const report = await callApi<RunReport>(target, `/api/runs/${runId}/report`).catch(() => undefined);
    if (report) process.stdout.write(summaryText(report));
    if (run.status === 'failed') {
      const detail = await callApi<{ run: { summary: { error?: string } | null } }>(
        target,
        `/api/runs/${runId}`,
      );
      process.stderr.write(`run ${runId} failed: ${detail.run.summary?.error ?? 'unknown error'}\n`);
      return 1;
    }
    if (!report) throw new Error(`run ${runId} has no report`);
    process.stdout.write(`report: harness report ${runId} [--format md|html|json|seed]\n`);
    return run.status === 'completed' && report.passed !== false ? 0 : 1;
  }
}
