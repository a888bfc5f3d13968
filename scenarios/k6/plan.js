// @ts-check
/**
 * k6 options for a scenario's effective plan (../lib/plan.js): ONE executor (`ramping-arrival-rate`
 * at the scenario's total rate, or paced `shared-iterations` for Poisson arrivals), so k6 iteration
 * N is the plan's arrival N and picks its pattern and forced fault from the index exactly as the
 * built-in driver does. Nothing in here is
 * per-instance (no ids, no clocks): `--execution-segment` splits these arrivals across k6
 * instances by itself. Plain ES2017 with no k6 or node imports, so node tests can check it too.
 */
import { formatDuration, K6_LEAD_IN_MS, K6_LEAD_IN_RPM } from '../lib/plan.js';

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
 * VUs for 20 s of peak arrivals, within the cap: k6 drops an arrival that finds no free VU while it
 * starts more (measured: 5 s' worth dropped 15 % at 600 RPM with 8 s latencies).
 * @param {number} peakRpm
 * @param {number} maxVUs
 */
function twentySecondsOf(peakRpm, maxVUs) {
  return Math.min(maxVUs, Math.max(1, Math.ceil((peakRpm / 60) * 20)));
}

/**
 * `options.scenarios` and `options.thresholds` of a scenario's effective plan. Evenly spaced
 * arrivals: ONE `ramping-arrival-rate` executor at the plan's rates. Poisson arrivals (no k6
 * executor draws them): ONE `shared-iterations` executor with an iteration per arrival, whose VUs
 * take the arrivals in order and each wait for its seeded instant (scenarios/k6/run.js).
 * @param {import('../lib/plan.js').EffectivePlan} plan
 * @param {{ maxInFlight: number, thresholds?: Record<string, string[]> }} s
 * @param {{ maxVUs?: number, arrivals?: number }} [opts] `maxVUs` caps the VUs (k6's `--vus`;
 *   default the in-flight cap); `arrivals` is the number of the plan's arrivals (Poisson plans)
 */
export function k6Options(plan, s, opts) {
  const o = opts || {};
  const rates = [plan.startRpm].concat(plan.stages.map((st) => st.targetRpm));
  const peak = Math.max.apply(null, rates);
  const maxVUs = Math.max(1, o.maxVUs || s.maxInFlight);
  if (plan.poisson) {
    const iterations = Math.max(1, o.arrivals || 0);
    /** @type {import('k6/options').SharedIterationsScenario} */
    const paced = {
      executor: 'shared-iterations',
      exec: 'arrival',
      // The VUs in flight at most: the pool never grows, so an explicit --vus sets it whole.
      vus: Math.min(iterations, o.maxVUs ? maxVUs : twentySecondsOf(peak, maxVUs)),
      iterations,
      maxDuration: formatDuration(K6_LEAD_IN_MS + Math.ceil(plan.durationMs)),
      gracefulStop: '30s',
    };
    return { scenarios: { load: paced }, thresholds: s.thresholds || {} };
  }
  const { timeUnit, scale } = unitFor(rates);
  // The lead-in (just under one arrival's area), then a jump to the plan's start rate: k6 starts
  // arrival N where its area reaches N + 1, which is then the plan's arrival N at its own offset.
  const leadIn = [
    { duration: formatDuration(K6_LEAD_IN_MS), target: K6_LEAD_IN_RPM * scale },
    { duration: '0s', target: Math.round(plan.startRpm * scale) },
  ];
  /** @type {import('k6/options').RampingArrivalRateScenario} */
  const load = {
    executor: 'ramping-arrival-rate',
    exec: 'arrival',
    startRate: K6_LEAD_IN_RPM * scale,
    timeUnit,
    stages: leadIn.concat(
      plan.stages.map((st) => ({
        duration: formatDuration(Math.round(st.durationMs)),
        target: Math.round(st.targetRpm * scale),
      })),
    ),
    // Past maxVUs k6 drops arrivals, as the built-in driver does past maxInFlight.
    preAllocatedVUs: twentySecondsOf(peak, maxVUs),
    maxVUs,
    gracefulStop: '30s',
  };
  return { scenarios: { load }, thresholds: s.thresholds || {} };
}
