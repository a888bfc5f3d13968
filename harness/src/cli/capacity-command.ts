import { formatDuration, parseDuration } from '../../../scenarios/lib/plan.js';
import { ceilingDir, writeCeiling } from '../capacity/ceiling-file';
import { type CapacityStep, searchCapacity, stepVerdict } from '../capacity/search';
import { fmt } from '../runs/report/format';
import { PATTERNS } from '../scenarios/schema';
import { type ApiTarget, apiCall } from './api-client';
import { openHarnessSession } from './harness-session';

/** Options of `harness capacity`. */
export interface CapacityOptions {
  pattern?: string;
  from: string;
  factor: string;
  max: string;
  duration: string;
}

/** Patterns measured when `--pattern` is not given: the two the seeds compare. */
const DEFAULT_PATTERNS = ['direct', 'streaming'];

function positive(name: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number (got "${raw}")`);
  return v;
}

async function runAndReport(target: ApiTarget, scenario: string, rpm: number, duration: string) {
  const call = apiCall(target);
  const started = await call('startRun', {
    body: { scenario, rate: `${rpm}/m`, duration },
  });
  for (;;) {
    const { run } = await call('getRun', { params: { id: started.runId } });
    const summary = run.summary as { error?: string } | null | undefined;
    if (run.status === 'failed') return { runId: started.runId, error: summary?.error ?? 'failed' };
    if (run.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    runId: started.runId,
    report: await call('report', { params: { id: started.runId } }),
  };
}

const stepLine = (s: CapacityStep) =>
  `  ${String(s.rpm).padStart(6)} RPM  ${s.reliable ? 'reliable  ' : 'UNRELIABLE'}  lateness p99 ${fmt.ms(s.latenessP99)} · TTFT error p99 ${fmt.ms(s.ttftErrorP99)} · e2e error p99 ${fmt.ms(s.e2eErrorP99)}  (run ${s.runId})${s.reasons.length ? `\n           ${s.reasons.join('; ')}` : ''}\n`;

/**
 * `harness capacity [--pattern P]`: for each pattern, run its `<pattern>-ramp` scenario at a
 * constant rate stepped up by `--factor` until a run is flagged unreliable (or cannot deliver the
 * rate), print the highest reliable RPM, and record it so later runs above it warn at their start.
 */
export async function capacityCommand(opts: CapacityOptions): Promise<number> {
  const patterns = opts.pattern ? [opts.pattern] : DEFAULT_PATTERNS;
  for (const p of patterns)
    if (!(PATTERNS as readonly string[]).includes(p))
      throw new Error(`unknown pattern "${p}": valid patterns are ${PATTERNS.join(', ')}`);
  const plan = {
    fromRpm: positive('from', opts.from),
    factor: positive('factor', opts.factor),
    maxRpm: positive('max', opts.max),
  };
  const duration = formatDuration(parseDuration(opts.duration));
  const session = await openHarnessSession();
  const results: Array<[string, number | null, boolean]> = [];
  try {
    for (const pattern of patterns) {
      const scenario = `${pattern}-ramp`;
      process.stdout.write(`${pattern}: ${scenario} at a constant rate for ${duration} per step\n`);
      const result = await searchCapacity(
        plan,
        async (rpm) => {
          const r = await runAndReport(session.target, scenario, rpm, duration);
          if ('report' in r && r.report) return stepVerdict(rpm, r.report);
          return {
            rpm,
            runId: r.runId,
            reliable: false,
            reasons: [`run failed: ${'error' in r ? r.error : 'no report'}`],
            latenessP99: null,
            ttftErrorP99: null,
            e2eErrorP99: null,
          };
        },
        (step) => process.stdout.write(stepLine(step)),
      );
      const file = writeCeiling(ceilingDir(), pattern, { ...result, measuredAt: new Date().toISOString() });
      results.push([pattern, result.ceilingRpm, result.steps.at(-1)?.reliable ?? false]);
      process.stdout.write(`  recorded in ${file}\n`);
    }
  } finally {
    await session.close();
  }
  process.stdout.write('\nhighest reliable rate on this machine:\n');
  for (const [p, c, atMax] of results)
    process.stdout.write(
      `  ${p.padEnd(10)} ${c === null ? `none (unreliable already at ${plan.fromRpm} RPM)` : atMax ? `≥ ${c} RPM (no step up to --max failed)` : `${c} RPM`}\n`,
    );
  return 0;
}
