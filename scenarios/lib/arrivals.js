// @ts-check
/**
 * When each arrival of a plan happens, on both engines: the area under the rate curve (linear ramps
 * between stage targets), evenly spaced or seeded Poisson arrival offsets, and where k6's executor
 * starts arrival N. Plain ES2017, relative imports only (k6 v0.49 parses it); ./plan.js re-exports it.
 */
import { createRandom } from './random.js';

/**
 * Expected arrivals in a linear ramp from `fromRpm` to `toRpm` over `lenMs`, up to `dt` ms in.
 * @param {number} fromRpm
 * @param {number} toRpm
 * @param {number} lenMs
 * @param {number} dt
 */
export function areaIn(fromRpm, toRpm, lenMs, dt) {
  const slope = lenMs > 0 ? (toRpm - fromRpm) / lenMs : 0;
  return (fromRpm * dt + (slope * dt * dt) / 2) / 60000;
}

/**
 * Time `dt` into a linear ramp where its area reaches `x` (stable root of a·dt + b·dt²/2 = x).
 * @param {number} fromRpm
 * @param {number} toRpm
 * @param {number} lenMs
 * @param {number} x
 */
export function timeForArea(fromRpm, toRpm, lenMs, x) {
  if (x <= 0) return 0;
  const a = fromRpm / 60000;
  const b = lenMs > 0 ? (toRpm - fromRpm) / lenMs / 60000 : 0;
  const disc = Math.max(0, a * a + 2 * b * x);
  const denom = a + Math.sqrt(disc);
  const dt = denom > 0 ? (2 * x) / denom : lenMs;
  return Math.min(Math.max(dt, 0), lenMs);
}

/**
 * Offset (ms from the start) of evenly spaced arrival `index`: where the area under the rate curve
 * reaches `index`, as k6's ramping-arrival-rate starts its iterations. Undefined past the end.
 * @param {import('./plan.js').EffectivePlan} plan
 * @param {number} index
 * @returns {number | undefined}
 */
export function arrivalOffsetMs(plan, index) {
  let t = 0;
  let from = plan.startRpm;
  let before = 0;
  for (let i = 0; i < plan.stages.length; i++) {
    const st = /** @type {{ durationMs: number, targetRpm: number }} */ (plan.stages[i]);
    const area = areaIn(from, st.targetRpm, st.durationMs, st.durationMs);
    if (area > 0 && index < before + area) {
      const at = t + timeForArea(from, st.targetRpm, st.durationMs, index - before);
      return at < plan.durationMs ? at : undefined;
    }
    before += area;
    t += st.durationMs;
    from = st.targetRpm;
  }
  return undefined;
}

/**
 * An exponential draw with mean 1 (never infinite: the uniform is kept away from 0).
 * @param {() => number} random
 */
function exponential(random) {
  return -Math.log(1 - random() * (1 - Number.EPSILON));
}

/**
 * Offsets (ms from the start, ascending) of every arrival of a rate curve: where the area under it
 * reaches each integer (evenly spaced), or, with `poisson`, where a unit-rate Poisson process drawn
 * from `seed` lands on that area (time rescaling, so ramps stay exact). The one arrival schedule
 * of both engines: the built-in driver fires at these offsets and k6 paces its iterations to them.
 * @param {{ startRpm?: number, stages: readonly { durationMs: number, targetRpm: number }[], poisson?: boolean, seed?: number }} spec
 * @returns {number[]}
 */
export function arrivalOffsets(spec) {
  const random = createRandom(spec.seed === undefined ? 1 : spec.seed);
  /** @type {number[]} */
  const offsets = [];
  let t = 0;
  let from = spec.startRpm || 0;
  let before = 0;
  let durationMs = 0;
  for (let i = 0; i < spec.stages.length; i++)
    durationMs += /** @type {{ durationMs: number }} */ (spec.stages[i]).durationMs;
  // `target` walks the area axis: integers for even spacing, a unit-rate Poisson process otherwise.
  let target = spec.poisson ? exponential(random) : 0;
  for (let i = 0; i < spec.stages.length; i++) {
    const st = /** @type {{ durationMs: number, targetRpm: number }} */ (spec.stages[i]);
    if (!(st.durationMs >= 0) || !(st.targetRpm >= 0)) throw new Error(`invalid stage ${JSON.stringify(st)}`);
    const area = areaIn(from, st.targetRpm, st.durationMs, st.durationMs);
    while (area > 0 && target < before + area) {
      const at = t + timeForArea(from, st.targetRpm, st.durationMs, target - before);
      if (at < durationMs) offsets.push(at);
      target += spec.poisson ? exponential(random) : 1;
    }
    before += area;
    t += st.durationMs;
    from = st.targetRpm;
  }
  return offsets.sort((x, y) => x - y);
}

/** How long a k6 run leads in before the plan's t = 0 (k6's scenario start + this = the plan's start). */
export const K6_LEAD_IN_MS = 1000;
/**
 * The lead-in's rate, per minute: its area (59/60 of an arrival) is just under one, so k6's
 * `ramping-arrival-rate`, which starts iteration N where its area reaches N + 1, starts the plan's
 * arrival N at the plan's own offset (1/60 of an interval later) and never one past the plan's end.
 */
export const K6_LEAD_IN_RPM = 59;

/**
 * When k6 starts arrival `index`, in ms from the plan's start (k6's scenario start +
 * `K6_LEAD_IN_MS`): a Poisson plan's VU waits for the arrival's own offset; `ramping-arrival-rate`
 * starts it where its area (lead-in included) reaches `index` + 1. The run's end when there is none.
 * @param {import('./plan.js').EffectivePlan} plan
 * @param {ArrayLike<number>} offsets the plan's `arrivalOffsets`
 * @param {number} index
 * @returns {number}
 */
export function k6StartOffsetMs(plan, offsets, index) {
  const shortfall = 1 - (K6_LEAD_IN_RPM * K6_LEAD_IN_MS) / 60000;
  const at = plan.poisson ? offsets[index] : arrivalOffsetMs(plan, index + shortfall);
  return at === undefined ? plan.durationMs : at;
}
