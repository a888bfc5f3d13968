// @ts-check
/**
 * The meaning of a scenario, defined once for both engines: the built-in driver (node) and
 * scenarios/k6/run.js (stock k6) import this file. Plain ES2017, relative imports only: k6 v0.49 parses it.
 * It holds the duration and rate syntax, how `--rate`/`--duration` stretch the stages, the warm-up
 * and every fault window, and the pattern and forced fault of each arrival; the arrival times
 * (evenly spaced or seeded Poisson) live in ./arrivals.js and the seeded generator in ./random.js,
 * re-exported here. All deterministic from the scenario's seed and the arrival's index.
 */
import { createRandom } from './random.js';

export {
  areaIn,
  arrivalOffsetMs,
  arrivalOffsets,
  K6_LEAD_IN_MS,
  K6_LEAD_IN_RPM,
  k6StartOffsetMs,
  timeForArea,
} from './arrivals.js';
export { createRandom } from './random.js';

const DURATION_UNIT_MS = { ms: 1, s: 1000, m: 60000, h: 3600000 };
const RATE_UNITS_PER_MINUTE = { s: 60, m: 1, h: 1 / 60 };
const RATE_FORMS = '"<n>/s", "<n>/m", "<n>/h" or a bare number (per minute), e.g. "100/m", "10/s", "6000/h"';
const DURATION_FORMS = 'a sequence of <n><unit> with unit ms, s, m or h, e.g. "500ms", "30s", "5m", "1h30m"';
/** Golden-ratio step of the mix sequence (a Weyl sequence: low discrepancy in every window). */
const PHI = 0.6180339887498949;

/**
 * Parse a duration ("30s", "5m", "1h30m", "500ms") into milliseconds.
 * @param {string} input
 * @returns {number}
 */
export function parseDuration(input) {
  const text = String(input).trim();
  // Sticky regex walks the string part by part so "1h30m" works and "1h 30x" fails whole.
  const part = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    part.lastIndex = pos;
    const m = part.exec(text);
    if (!m) break;
    total += Number(m[1]) * DURATION_UNIT_MS[/** @type {'ms'|'s'|'m'|'h'} */ (m[2])];
    pos = part.lastIndex;
  }
  if (text.length === 0 || pos !== text.length) {
    throw new Error(`invalid duration "${input}": expected ${DURATION_FORMS}`);
  }
  return total;
}

/**
 * Parse a rate ("100/m", "10/s", "6000/h", bare number = per minute) into requests per minute.
 * @param {string | number} input
 * @returns {number}
 */
export function parseRate(input) {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0) return input;
    throw new Error(`invalid rate ${input}: expected a finite number ≥ 0 or ${RATE_FORMS}`);
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*([smh]))?\s*$/.exec(input);
  if (!m) throw new Error(`invalid rate "${input}": expected ${RATE_FORMS}`);
  return Number(m[1]) * RATE_UNITS_PER_MINUTE[/** @type {'s'|'m'|'h'} */ (m[2] || 'm')];
}

/**
 * Milliseconds back into the duration syntax (whole seconds when exact), for k6 options and reports.
 * @param {number} ms
 * @returns {string}
 */
export function formatDuration(ms) {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms)}ms`;
}

/**
 * The effective plan of a scenario after the command line's overrides. `--rate` makes the rate
 * constant; `--duration` stretches the run. Either way the warm-up and every fault window scale
 * with the run by the same factor, so a stretched scenario keeps its meaning (a wave at 1m–1m30s
 * of a 3m run lands at 20s–30s of a 1m run).
 * @param {import('./types.js').Scenario} s a validated scenario (defaults applied)
 * @param {{ rateRpm?: number, durationMs?: number }} [overrides]
 * @returns {import('./plan.js').EffectivePlan}
 */
export function effectivePlan(s, overrides) {
  const o = overrides || {};
  let stages = s.stages.map((st) => ({ durationMs: parseDuration(st.duration), targetRpm: st.target }));
  const total = stages.reduce((a, st) => a + st.durationMs, 0);
  const durationMs = o.durationMs !== undefined ? o.durationMs : total;
  const k = total > 0 ? durationMs / total : 1;
  let startRpm = s.startRate || 0;
  if (o.rateRpm !== undefined) {
    startRpm = o.rateRpm;
    stages = [{ durationMs: durationMs, targetRpm: o.rateRpm }];
  } else {
    stages = stages.map((st) => ({ durationMs: st.durationMs * k, targetRpm: st.targetRpm }));
  }
  const faults = (s.faults || []).map((f) => ({
    kind: f.kind,
    probability: f.probability,
    pattern: f.pattern,
    fromMs: f.from ? parseDuration(f.from) * k : 0,
    untilMs: f.until ? parseDuration(f.until) * k : Infinity,
  }));
  return {
    startRpm: startRpm,
    stages: stages,
    durationMs: durationMs,
    scale: k,
    warmupMs: s.warmup ? parseDuration(s.warmup) * k : 0,
    faults: faults,
    seed: s.seed === undefined ? 1 : s.seed,
    weights: s.mix.map((m) => m.weight),
    poisson: Boolean(s.poisson),
  };
}

/**
 * Mix entry of arrival `index`: a seeded golden-ratio (Weyl) sequence mapped onto the cumulative
 * weights, so every window of arrivals holds the mix's proportions closely, with no state to carry:
 * any engine, VU or k6 instance computes the same entry from the index alone.
 * @param {import('./plan.js').EffectivePlan} plan
 * @param {number} index
 * @returns {number}
 */
export function mixIndex(plan, index) {
  const total = plan.weights.reduce((a, b) => a + b, 0);
  const shift = createRandom(plan.seed)();
  const u = (shift + index * PHI) % 1;
  let r = u * total;
  for (let j = 0; j < plan.weights.length; j++) {
    r -= /** @type {number} */ (plan.weights[j]);
    if (r < 0) return j;
  }
  return plan.weights.length - 1;
}

/**
 * The fault forced (`x-mock-fault`) on arrival `index` of `pattern`, scheduled at `offsetMs`: one
 * draw from (seed, index), so the same request gets the same fault on every run and engine.
 * @param {import('./plan.js').EffectivePlan} plan
 * @param {number} index
 * @param {string} pattern
 * @param {number} offsetMs
 * @returns {string | undefined}
 */
export function faultFor(plan, index, pattern, offsetMs) {
  const random = createRandom(Math.imul(plan.seed, 0x9e3779b1) ^ index);
  for (let i = 0; i < plan.faults.length; i++) {
    const f = /** @type {import('./plan.js').PlanFault} */ (plan.faults[i]);
    if ((f.pattern && f.pattern !== pattern) || offsetMs < f.fromMs || offsetMs >= f.untilMs) continue;
    if (random() < f.probability) return f.kind;
  }
  return undefined;
}

/**
 * The effective plan as lines for the terminal: stages, warm-up, fault windows (what a run prints
 * when it starts, so a stretched scenario shows where its waves landed).
 * @param {import('./plan.js').EffectivePlan} plan
 * @returns {string[]}
 */
export function describePlan(plan) {
  const rpm = (/** @type {number} */ r) => `${Math.round(r * 100) / 100}/m`;
  const at = (/** @type {number} */ ms) => formatDuration(Math.round(ms));
  let from = plan.startRpm;
  const stages = plan.stages.map((st) => {
    const line =
      (from === st.targetRpm ? rpm(st.targetRpm) : `${rpm(from)}→${rpm(st.targetRpm)}`) +
      ' for ' +
      at(st.durationMs);
    from = st.targetRpm;
    return line;
  });
  const lines = [
    'stages: ' +
      stages.join(', ') +
      (plan.scale !== 1 ? ` (scaled ×${Math.round(plan.scale * 1000) / 1000})` : ''),
  ];
  if (plan.poisson) lines.push(`arrivals: Poisson (seed ${plan.seed}), the same instants on both engines`);
  lines.push(`warm-up: ${at(plan.warmupMs)} (excluded from every figure)`);
  for (let i = 0; i < plan.faults.length; i++) {
    const f = /** @type {import('./plan.js').PlanFault} */ (plan.faults[i]);
    const until = f.untilMs === Infinity ? 'end' : at(f.untilMs);
    lines.push(
      'fault: ' +
        f.kind +
        ' on ' +
        Math.round(f.probability * 100) +
        ' % of ' +
        (f.pattern || 'all') +
        ' requests, ' +
        at(f.fromMs) +
        '–' +
        until,
    );
  }
  return lines;
}
