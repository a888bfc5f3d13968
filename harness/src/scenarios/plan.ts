/**
 * Turn a validated scenario into what the open-model driver runs. The scenario's meaning (stage
 * scaling, warm-up, fault windows, the pattern and forced fault of each arrival) comes from
 * scenarios/lib/plan.js, the module k6 imports too, arrival times (even or Poisson) included; this
 * adds the schedule's rate curve for reporting and the call each scheduled index makes.
 */
import {
  type EffectivePlan,
  effectivePlan,
  faultFor,
  mixIndex,
  type PlanOverrides,
} from '../../../scenarios/lib/plan.js';
import { buildSchedule, type Schedule } from '../driver/schedule';
import type { InvokeCall } from '../driver/targets';
import type { MixItem, Pattern, Scenario } from './schema';

export type { PlanOverrides };

/** A scenario ready to drive. */
export interface ScenarioPlan {
  effective: EffectivePlan;
  schedule: Schedule;
  warmupMs: number;
  maxInFlight: number;
  /** The call request `index` makes. */
  callFor(index: number): InvokeCall & { pattern: Pattern };
}

/** The call arrival `index`, scheduled at `offsetMs`, makes (the same on both engines). */
export function callOf(
  s: Scenario,
  plan: EffectivePlan,
  index: number,
  offsetMs: number,
): InvokeCall & { pattern: Pattern } {
  const item = s.mix[mixIndex(plan, index)] as MixItem;
  const call: InvokeCall & { pattern: Pattern } = {
    pattern: item.pattern,
    provider: item.provider,
    model: item.model,
  };
  if (item.input !== undefined) call.input = item.input;
  if (item.maxTokens !== undefined) call.maxTokens = item.maxTokens;
  if (item.fallback !== undefined) call.fallback = item.fallback;
  if (item.api !== undefined) call.api = item.api;
  const fault = faultFor(plan, index, item.pattern, offsetMs);
  if (fault) call.headers = { 'x-mock-fault': fault };
  return call;
}

/** Build the plan for a scenario: the same arrivals on both engines (Poisson ones too). */
export function planScenario(s: Scenario, overrides: PlanOverrides = {}): ScenarioPlan {
  const effective = effectivePlan(s, overrides);
  const schedule = buildSchedule({
    startRpm: effective.startRpm,
    stages: effective.stages,
    poisson: effective.poisson,
    seed: effective.seed,
  });
  return {
    effective,
    schedule,
    warmupMs: effective.warmupMs,
    maxInFlight: s.maxInFlight,
    callFor: (index) => callOf(s, effective, index, schedule.offsetsMs[index] ?? 0),
  };
}
