import { io } from 'socket.io-client';
import { parseRate } from '../../../scenarios/lib/plan.js';
import { ceilingDir, ceilingWarnings, readCeilings } from '../capacity/ceiling-file';
import type { ClientToServerEvents, LiveTick, RunInfo, ServerToClientEvents } from '../contracts/live';
import { loadRegistry, loadScenario } from '../scenarios/load';
import { isScenarioPath, loadScenarioFile } from '../scenarios/load-file';
import type { Scenario } from '../scenarios/schema';
import { type ApiTarget, apiCall } from './api-client';
import { openHarnessSession } from './harness-session';
import { createProgressPrinter } from './progress';
import { planLines, validateEngineArgs } from './run-args';
import { summaryText } from './summary-table';

/** Options of `harness run`. */
export interface RunOptions {
  engine: string;
  rate?: string;
  duration?: string;
}

/** What a run starts with on the harness: overrides, engine and k6 flags (the scenario is separate). */
export interface RunRequest extends Omit<RunOptions, 'engine'> {
  engine?: 'builtin' | 'k6';
  /** Flags for `k6 run` (after `--`). */
  k6Args?: string[];
}

/** Check the scenario (a name or a file, validated by the schema), the engine and the overrides before anything starts. */
export async function validateRunArgs(
  scenario: string,
  opts: RunOptions,
  k6Args: string[] = [],
): Promise<Scenario> {
  validateEngineArgs(opts, k6Args);
  if (isScenarioPath(scenario)) return (await loadScenarioFile(scenario)).scenario;
  const registry = await loadRegistry();
  if (!Object.hasOwn(registry, scenario)) {
    throw new Error(
      `unknown scenario "${scenario}": valid names are ${Object.keys(registry).sort().join(', ')}`,
    );
  }
  return loadScenario(scenario);
}

/**
 * `harness run <scenario|file.js> [-- k6 flags]`: drive a scenario with live progress on either
 * engine, print the effective plan and the summary, and exit non-zero when a threshold fails or the
 * run does not complete (usable in CI).
 */
export async function runCommand(scenario: string, opts: RunOptions, k6Args: string[] = []): Promise<number> {
  const loaded = await validateRunArgs(scenario, opts, k6Args);
  const rateRpm = opts.rate === undefined ? undefined : parseRate(opts.rate);
  for (const w of ceilingWarnings(loaded, rateRpm, readCeilings(ceilingDir())))
    process.stderr.write(`warning: ${w}\n`);
  for (const line of planLines(loaded, opts)) process.stdout.write(`  ${line}\n`);
  const session = await openHarnessSession();
  try {
    return await driveRun(session.target, scenario, {
      ...(opts.rate ? { rate: opts.rate } : {}),
      ...(opts.duration ? { duration: opts.duration } : {}),
      engine: opts.engine === 'k6' ? 'k6' : 'builtin',
      ...(k6Args.length ? { k6Args } : {}),
    });
  } finally {
    await session.close();
  }
}

/** Start a run on a harness, print its live progress and its summary; the exit code for CI. */
export async function driveRun(target: ApiTarget, scenario: string, opts: RunRequest): Promise<number> {
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
    const call = apiCall(target);
    const started = await call('startRun', {
      body: {
        ...(definition === undefined ? { scenario } : { definition }),
        ...(opts.rate ? { rate: opts.rate } : {}),
        ...(opts.duration ? { duration: opts.duration } : {}),
        ...(opts.engine ? { engine: opts.engine } : {}),
        ...(opts.k6Args ? { k6Args: opts.k6Args } : {}),
      },
    });
    runId = started.runId;
    const engine = opts.engine === 'k6' ? ' with k6' : '';
    process.stdout.write(`run ${runId}: ${scenario}${engine} (dashboard: ${target.baseUrl}/)\n`);
    const stop = () => {
      process.stdout.write('\nstopping the run…\n');
      void call('stopRun', { params: { id: runId } }).catch(() => {});
    };
    process.once('SIGINT', stop);
    const run = await finished;
    process.off('SIGINT', stop);
    printer.end();
    socket.close();
    // A run that failed after measuring (e.g. no data for a threshold) still has a summary to show.
    const report = await call('report', { params: { id: runId } }).catch(() => undefined);
    if (report) process.stdout.write(summaryText(report));
    if (run.status === 'failed') {
      const detail = await call('getRun', { params: { id: runId } });
      const summary = detail.run.summary as { error?: string } | null | undefined;
      process.stderr.write(`run ${runId} failed: ${summary?.error ?? 'unknown error'}\n`);
      return 1;
    }
    if (!report) throw new Error(`run ${runId} has no report`);
    process.stdout.write(`report: harness report ${runId} [--format md|html|json|seed]\n`);
    return run.status === 'completed' && report.passed !== false ? 0 : 1;
  }
}
