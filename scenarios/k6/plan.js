// @ts-check
/**
 * k6 options for a scenario's effective plan (../lib/plan.js): ONE `ramping-arrival-rate` executor
 * at the scenario's total rate, so k6 iteration N is the plan's arrival N and picks its pattern and
 * forced fault from the index exactly as the built-in driver does. Nothing in here is
 * per-instance (no ids, no clocks): `--execution-segment` splits these arrivals across k6
 * instances by itself. Plain ES2017 with no k6 or node imports, so node tests can check it too.
 */
import { formatDuration } from '../lib/plan.js';

/**
 * k6 rates are integers per `timeUnit`: per minute when every rate is whole, else per hour
 * (1/60 RPM resolution, exact for any rate `--rate` accepts with two decimals).
 * @param {number[]} rpms
 * @returns {{ timeUnit: string, scale: number }}
 */
function unitFor(rpms) {
  const whole = rpms.every((r) => Math.round(r) === r);
  return whole ? { timeUnit: '1m', scale: 1 } : { timeUnit: '1h', scale: 60 };
}

/**
 * `options.scenarios` and `options.thresholds` of a scenario's effective plan.
 * @param {import('../lib/plan.js').EffectivePlan} plan
 * @param {{ maxInFlight: number, thresholds?: Record<string, string[]> }} s
 * @param {{ maxVUs?: number }} [opts] `maxVUs` caps the VUs (k6's `--vus`; default the in-flight cap)
 */
export function k6Options(plan, s, opts) {
  const o = opts || {};
  const rates = [plan.startRpm].concat(plan.stages.map((st) => st.targetRpm));
  const { timeUnit, scale } = unitFor(rates);
  const peak = Math.max.apply(null, rates);
  const maxVUs = Math.max(1, o.maxVUs || s.maxInFlight);
  /** @type {import('k6/options').RampingArrivalRateScenario} */
  const load = {
    executor: 'ramping-arrival-rate',
    exec: 'arrival',
    startRate: Math.round(plan.startRpm * scale),
    timeUnit,
    stages: plan.stages.map((st) => ({
      duration: formatDuration(Math.round(st.durationMs)),
      target: Math.round(st.targetRpm * scale),
    })),
    // VUs for 20 s of peak arrivals up front: k6 drops an arrival that finds no free VU while it
    // starts more (measured: 5 s' worth dropped 15 % at 600 RPM with 8 s latencies). Past maxVUs k6
    // drops arrivals, as the built-in driver does past maxInFlight.
    preAllocatedVUs: Math.min(maxVUs, Math.max(1, Math.ceil((peak / 60) * 20))),
    maxVUs,
    gracefulStop: '30s',
  };
  return { scenarios: { load }, thresholds: s.thresholds || {} };
}
