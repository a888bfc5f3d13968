/**
 * Turn a validated scenario into what the open-model driver runs: the schedule (stages, Poisson,
 * seed), the warm-up and in-flight cap, and for each scheduled index the call it makes (pattern
 * mix by weight, plus any fault the scenario forces in its time window). Deterministic per seed.
 */
import { createRandom } from '../driver/prng';
import { parseDuration } from '../driver/rate';
import { buildSchedule, type Schedule, type Stage } from '../driver/schedule';
import type { InvokeCall } from '../driver/targets';
import type { MixItem, Pattern, Scenario } from './schema';

/** Command-line overrides: `--rate N/m` makes the rate constant; `--duration` stretches the stages. */
export interface PlanOverrides {
  rateRpm?: number;
  durationMs?: number;
}

/** A scenario ready to drive. */
export interface ScenarioPlan {
  schedule: Schedule;
  warmupMs: number;
  maxInFlight: number;
  /** The call request `index` makes. */
  callFor(index: number): InvokeCall & { pattern: Pattern };
}

/** Stages in ms and RPM after overrides. */
export function stagesOf(s: Scenario, o: PlanOverrides = {}): { startRpm: number; stages: Stage[] } {
  const stages = s.stages.map((st) => ({ durationMs: parseDuration(st.duration), targetRpm: st.target }));
  const total = stages.reduce((a, st) => a + st.durationMs, 0);
  if (o.rateRpm !== undefined) {
    return { startRpm: o.rateRpm, stages: [{ durationMs: o.durationMs ?? total, targetRpm: o.rateRpm }] };
  }
  const k = o.durationMs !== undefined && total > 0 ? o.durationMs / total : 1;
  return { startRpm: s.startRate, stages: stages.map((st) => ({ ...st, durationMs: st.durationMs * k })) };
}

/**
 * Mix index per request by smooth weighted round-robin: every window of requests holds the mix's
 * proportions as closely as integers allow, so even short runs compare patterns fairly.
 */
export function assignMix(weights: readonly number[], n: number): Uint16Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 0; j < weights.length; j++) {
      current[j] = (current[j] ?? 0) + (weights[j] ?? 0);
      if ((current[j] ?? 0) > (current[best] ?? 0)) best = j;
    }
    current[best] = (current[best] ?? 0) - total;
    out[i] = best;
  }
  return out;
}

/** Build the plan for a scenario. */
export function planScenario(s: Scenario, overrides: PlanOverrides = {}): ScenarioPlan {
  const schedule = buildSchedule({ ...stagesOf(s, overrides), poisson: s.poisson, seed: s.seed });
  const mixIndex = assignMix(
    s.mix.map((m) => m.weight),
    schedule.offsetsMs.length,
  );
  const faults = (s.faults ?? []).map((f) => ({
    ...f,
    fromMs: f.from ? parseDuration(f.from) : 0,
    untilMs: f.until ? parseDuration(f.until) : Number.POSITIVE_INFINITY,
  }));
  const callFor = (index: number) => {
    const item = s.mix[mixIndex[index] ?? 0] as MixItem;
    const call: InvokeCall & { pattern: Pattern } = {
      pattern: item.pattern,
      provider: item.provider,
      model: item.model,
    };
    if (item.input !== undefined) call.input = item.input;
    if (item.maxTokens !== undefined) call.maxTokens = item.maxTokens;
    if (item.fallback !== undefined) call.fallback = item.fallback;
    const t = schedule.offsetsMs[index] ?? 0;
    // One draw per request from (seed, index): the same request gets the same fault on every run.
    const random = createRandom((s.seed * 0x9e3779b1) ^ index);
    for (const f of faults) {
      if ((f.pattern && f.pattern !== item.pattern) || t < f.fromMs || t >= f.untilMs) continue;
      if (random() < f.probability) {
        call.headers = { 'x-mock-fault': f.kind };
        break;
      }
    }
    return call;
  };
  return {
    schedule,
    warmupMs: s.warmup ? parseDuration(s.warmup) : 0,
    maxInFlight: s.maxInFlight,
    callFor,
  };
}
