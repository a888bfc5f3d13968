/**
 * `harness capacity`: step a pattern's rate up on this machine until a run stops being reliable, and
 * keep the highest rate that still was. Pure stepping logic; the runs are injected.
 */
import type { RunReport } from '../runs/report/report-data';

/** One step of the search: a run at `rpm` and whether its figures can be trusted. */
export interface CapacityStep {
  rpm: number;
  runId: string;
  reliable: boolean;
  /** Why not (empty when reliable). */
  reasons: string[];
  latenessP99: number | null;
  ttftErrorP99: number | null;
  e2eErrorP99: number | null;
}

/** How the rate is stepped. */
export interface StepPlan {
  fromRpm: number;
  /** Each step multiplies the rate by this (> 1). */
  factor: number;
  /** Never step above this. */
  maxRpm: number;
}

/** The search's answer for one pattern: null ceiling when even the first step was unreliable. */
export interface CapacityResult {
  ceilingRpm: number | null;
  steps: CapacityStep[];
}

/** Achieved below this share of the requested rate: the machine could not deliver the rate. */
const MIN_ACHIEVED = 0.99;

/**
 * A step's verdict from its run's report: the run completed at the rate asked, dropped nothing, and
 * its instrument error was measured and not flagged (schedule lateness and TTFT error limits).
 */
export function stepVerdict(rpm: number, r: RunReport): CapacityStep {
  const reasons: string[] = [];
  if (r.status !== 'completed') reasons.push(`run ${r.status}`);
  if (r.requestedRpm > 0 && r.achievedRpm < r.requestedRpm * MIN_ACHIEVED)
    reasons.push(`achieved ${r.achievedRpm.toFixed(0)} of ${r.requestedRpm.toFixed(0)} RPM`);
  if (r.accounting.dropped > 0) reasons.push(`${r.accounting.dropped} requests dropped (in-flight cap)`);
  const i = r.instrument;
  if (!i) reasons.push('instrument error not measured');
  else {
    if (i.compared === 0) reasons.push('no request could be compared with the ground truth');
    reasons.push(...i.reasons);
  }
  return {
    rpm,
    runId: r.runId,
    reliable: reasons.length === 0,
    reasons,
    latenessP99: r.lateness.p99,
    ttftErrorP99: i?.ttftError.p99 ?? null,
    e2eErrorP99: i?.e2eError.p99 ?? null,
  };
}

/**
 * Step the rate from `fromRpm` by `factor` until a step is unreliable or `maxRpm` is passed; the
 * ceiling is the last reliable rate before the first unreliable one.
 */
export async function searchCapacity(
  plan: StepPlan,
  measure: (rpm: number) => Promise<CapacityStep>,
  onStep: (step: CapacityStep) => void = () => {},
): Promise<CapacityResult> {
  if (!(plan.factor > 1)) throw new Error(`--factor must be above 1 (got ${plan.factor})`);
  if (!(plan.fromRpm > 0)) throw new Error(`--from must be a positive rate (got ${plan.fromRpm})`);
  const steps: CapacityStep[] = [];
  let ceiling: number | null = null;
  for (let rpm = plan.fromRpm; rpm <= plan.maxRpm; rpm = Math.round(rpm * plan.factor)) {
    const step = await measure(rpm);
    steps.push(step);
    onStep(step);
    if (!step.reliable) break;
    ceiling = rpm;
  }
  return { ceilingRpm: ceiling, steps };
}
