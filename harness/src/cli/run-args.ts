/**
 * What `harness run` checks and prints before it starts: the engine, its k6 flags and the overrides,
 * and the effective plan (stages, warm-up, fault windows, mock settings after `--rate`/`--duration`).
 */
import { describePlan, effectivePlan, parseDuration, parseRate } from '../../../scenarios/lib/plan.js';
import { scenarioMockConfig } from '../runs/mock-isolation';
import type { Scenario } from '../scenarios/schema';

/** Check the engine, k6 flags and the rate/duration syntax before anything starts. */
export function validateEngineArgs(
  opts: { engine: string; rate?: string; duration?: string },
  k6Args: string[],
): void {
  if (opts.engine !== 'builtin' && opts.engine !== 'k6')
    throw new Error(`unknown engine "${opts.engine}": valid engines are builtin, k6`);
  if (k6Args.length > 0 && opts.engine !== 'k6')
    throw new Error(`unexpected arguments ${k6Args.join(' ')}: flags after -- go to k6 (use --engine k6)`);
  if (opts.rate !== undefined) parseRate(opts.rate);
  if (opts.duration !== undefined) parseDuration(opts.duration);
}

/** The effective plan as printed when a run starts, with the mock settings the scenario asks for. */
export function planLines(s: Scenario, opts: { rate?: string; duration?: string }): string[] {
  const plan = effectivePlan(s, {
    ...(opts.rate === undefined ? {} : { rateRpm: parseRate(opts.rate) }),
    ...(opts.duration === undefined ? {} : { durationMs: parseDuration(opts.duration) }),
  });
  return [...describePlan(plan), `mock: ${JSON.stringify(scenarioMockConfig(s))}`];
}
