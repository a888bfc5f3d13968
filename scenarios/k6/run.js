// @ts-check
/**
 * The generic k6 script: `k6 run -e SCENARIO=<name> scenarios/k6/run.js`. It reads the same scenario
 * as the built-in driver and takes its meaning from ../lib/plan.js (stages, `--rate`/`--duration`
 * scaling, warm-up, fault windows, the pattern and forced fault of each arrival), so the same
 * scenario and seed send the same requests on both engines. Plain ES2017: stock k6 ≥ 0.49 runs it.
 *
 * Env: SCENARIO (a name in scenarios/index.js) or SCENARIO_JSON (path to a validated scenario, as
 * `harness run --engine k6` writes it), RATE / DURATION (the `--rate`/`--duration` overrides),
 * HARNESS_URL (default http://127.0.0.1:3000), RUN_ID, HARNESS_TOKEN, MAX_VUS,
 * SUMMARY_PATH (default k6-summary.json), ARRIVALS (`seeded`: a Poisson scenario's seeded instants,
 * paced by a `shared-iterations` executor; `harness run --engine k6` sets it. Otherwise k6 runs
 * the contract's `ramping-arrival-rate` and a Poisson scenario's arrivals are evenly spaced).
 */
import { sleep } from 'k6';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import { scenarios } from '../index.js';
import {
  arrivalOffsetMs,
  arrivalOffsets,
  effectivePlan,
  faultFor,
  K6_LEAD_IN_MS,
  k6StartOffsetMs,
  mixIndex,
  parseDuration,
  parseRate,
} from '../lib/plan.js';
import { k6Options } from './plan.js';

/** @returns {{ name: string, scenario: import('../lib/types.js').Scenario }} */
function loadScenario() {
  if (__ENV.SCENARIO_JSON) {
    const s = JSON.parse(open(__ENV.SCENARIO_JSON));
    return { name: s.name, scenario: s };
  }
  const name = __ENV.SCENARIO || 'smoke';
  const s = scenarios[name];
  if (!s) throw new Error(`unknown scenario "${name}": valid names are ${Object.keys(scenarios).join(', ')}`);
  return { name, scenario: s };
}

const { name, scenario } = loadScenario();
/** @type {{ rateRpm?: number, durationMs?: number }} */
const overrides = {};
if (__ENV.RATE) overrides.rateRpm = parseRate(__ENV.RATE);
if (__ENV.DURATION) overrides.durationMs = parseDuration(__ENV.DURATION);
const drawn = effectivePlan(scenario, overrides);
// `ramping-arrival-rate` has no Poisson draw: a Poisson scenario keeps its seeded instants only with
// ARRIVALS=seeded, else it runs evenly spaced at the same rates, and says so.
const seeded = __ENV.ARRIVALS === 'seeded';
const plan = drawn.poisson && !seeded ? Object.assign({}, drawn, { poisson: false }) : drawn;
const HARNESS_URL = (__ENV.HARNESS_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
// Pass RUN_ID to every instance of a distributed run so they land in one run.
const RUN_ID = __ENV.RUN_ID || `k6-${name}`;

const latency = new Trend('harness_latency_ms', true);
const ttft = new Trend('harness_ttft_ms', true);
const errors = new Rate('harness_errors');
const cost = new Counter('harness_cost_usd');

// A Poisson plan's seeded arrival instants, computed once and shared by every VU (the built-in
// driver fires at the same offsets). Evenly spaced plans need none: k6's executor paces them.
/** @type {ArrayLike<number>} */
const offsets = plan.poisson ? new SharedArray('arrival offsets', () => arrivalOffsets(plan)) : [];
const maxVUs = __ENV.MAX_VUS ? Number(__ENV.MAX_VUS) : undefined;
/** @type {{ maxVUs?: number, arrivals?: number }} */
const sizing = { arrivals: offsets.length };
if (maxVUs) sizing.maxVUs = maxVUs;
const generated = k6Options(
  plan,
  { maxInFlight: scenario.maxInFlight || 1000, thresholds: scenario.thresholds || {} },
  sizing,
);
/** When this VU's previous arrival ended (ms since the epoch): a later-due one found no free VU. */
let freeSince = 0;

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: generated.scenarios,
  thresholds: generated.thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
};

/** The plan's t = 0 (ms since the epoch): k6's scenario start plus the lead-in (./plan.js). */
function planStart() {
  return exec.scenario.startTime + K6_LEAD_IN_MS;
}

/** Runs once before the arrivals: the place to say what the run does that is not said elsewhere. */
export function setup() {
  if (drawn.poisson && !seeded)
    console.warn(
      `scenario "${name}" draws Poisson arrivals; k6 spaces them evenly (ramping-arrival-rate). ` +
        'Pass -e ARRIVALS=seeded for the seeded instants the built-in driver fires at.',
    );
}

/** One arrival: the plan's request number `iterationInTest` (unique across k6 instances). */
export function arrival() {
  const index = exec.scenario.iterationInTest;
  if (plan.poisson) {
    if (index >= offsets.length) return;
    const due = planStart() + k6StartOffsetMs(plan, offsets, index);
    // VUs take arrivals in order, so one due before this VU became free was due while every VU was
    // busy: dropped (not sent), as k6's arrival-rate executors and the built-in driver drop an
    // arrival past their cap. The harness counts it among the drops.
    if (freeSince > due) return;
    const wait = due - Date.now();
    if (wait > 0) sleep(wait / 1000);
  }
  try {
    send(index);
  } finally {
    freeSince = Date.now();
  }
}

/**
 * Send arrival `index` and record its metrics.
 * @param {number} index
 */
function send(index) {
  const planned = plan.poisson ? offsets[index] : arrivalOffsetMs(plan, index);
  // The plan's offset of arrival N decides its warm-up and fault windows on both engines; k6 starts
  // it there too (evenly spaced: 1/60 of an interval later, ./plan.js). Lateness counts from there.
  const offset = planned === undefined ? plan.durationMs : planned;
  const scheduledAt = planStart() + k6StartOffsetMs(plan, offsets, index);
  const item = scenario.mix[mixIndex(plan, index)];
  if (!item) return;
  const pattern = item.pattern;
  /** @type {Record<string, string>} */
  const headers = {
    'content-type': 'application/json',
    'x-run-id': RUN_ID,
    'x-scenario': name,
    'x-arrival-index': String(index),
  };
  if (__ENV.HARNESS_TOKEN) headers.authorization = `Bearer ${__ENV.HARNESS_TOKEN}`;
  const fault = faultFor(plan, index, pattern, offset);
  if (fault) headers['x-mock-fault'] = fault;
  const call = {
    provider: item.provider,
    model: item.model,
    input: item.input,
    maxTokens: item.maxTokens,
    fallback: item.fallback,
    api: item.api,
  };
  const target = scenario.target || { kind: 'builtin' };
  // k6 may start an arrival late (no free VU): the lateness counts in latency, coordinated-omission safe.
  const lateness = Math.max(0, Date.now() - scheduledAt);
  headers['x-arrival-lateness-ms'] = String(lateness);
  let ok = false;
  /** @type {number | undefined} */
  let ttftMs;
  let costUsd = 0;
  if (target.kind === 'url') {
    const body =
      target.body === undefined
        ? JSON.stringify(Object.assign({ pattern }, call))
        : typeof target.body === 'string'
          ? target.body
          : JSON.stringify(target.body);
    const path = target.paths ? target.paths[/** @type {'direct'} */ (pattern)] : undefined;
    const url = path ? target.url.replace(/\/+$/, '') + path : target.url;
    // W3C baggage, as the built-in driver sends it: an instrumented app carries it to the mock.
    let baggage = `harness.run_id=${encodeURIComponent(RUN_ID)},harness.scenario=${encodeURIComponent(name)}`;
    if (fault) baggage += `,mock.fault=${fault}`;
    // The harness run that owns this arrival opens it and answers its traceparent (none: plain k6).
    const opened = arrivalCall(index, 'begin', { latenessMs: lateness, sentAt: Date.now() });
    const traced = opened && opened.listening ? opened.headers : {};
    // The harness's token stays with the harness: the app gets only its own headers.
    const appHeaders = Object.assign({}, headers, traced, { 'x-pattern': pattern, baggage: baggage });
    delete appHeaders.authorization;
    const res = http.request(target.method || 'POST', url, body, {
      headers: Object.assign(appHeaders, target.headers || {}),
      timeout: '120s',
    });
    ok = res.status >= 200 && res.status < 300 && !res.error_code;
    if (opened && opened.listening) arrivalCall(index, 'end', outcomeOf(res, lateness));
  } else {
    // When it leaves: the harness counts the way to its handler in the latency, as the driver's does.
    headers['x-arrival-sent-at'] = String(Date.now());
    const res = http.post(`${HARNESS_URL}/api/invoke/${pattern}`, JSON.stringify(call), {
      headers,
      timeout: '120s',
    });
    /** @type {any} */
    let out = null;
    try {
      out = res.json();
    } catch (_) {
      out = null;
    }
    ok = Boolean(out && out.ok);
    // k6 has no SSE: TTFT is /api/invoke's own measurement, plus how late k6 started the arrival.
    if (out && typeof out.ttftMs === 'number') ttftMs = lateness + out.ttftMs;
    if (out && typeof out.costUsd === 'number') costUsd = out.costUsd;
  }
  // Warm-up arrivals run but stay out of the scenario's metrics, as in the built-in driver.
  if (offset < plan.warmupMs) return;
  const tags = { pattern };
  latency.add(Date.now() - scheduledAt, tags);
  if (ttftMs !== undefined) ttft.add(ttftMs, tags);
  errors.add(!ok, tags);
  if (costUsd) cost.add(costUsd, tags);
}

/**
 * Tell the harness run about arrival `index` sent to a URL target (POST /api/runs/:id/arrivals/…):
 * the parsed answer, or null when the harness cannot be reached or refuses.
 * @param {number} index
 * @param {'begin' | 'end'} phase
 * @param {Record<string, unknown>} body
 * @returns {any}
 */
function arrivalCall(index, phase, body) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json' };
  if (__ENV.HARNESS_TOKEN) headers.authorization = `Bearer ${__ENV.HARNESS_TOKEN}`;
  const path = `/api/runs/${encodeURIComponent(RUN_ID)}/arrivals/${index}/${phase}`;
  const res = http.post(HARNESS_URL + path, JSON.stringify(body), {
    headers: headers,
    tags: { harness: 'arrival' },
    timeout: '30s',
  });
  if (res.status !== 200) return null;
  try {
    return res.json();
  } catch (_) {
    return null;
  }
}

/**
 * What k6 saw of a URL target's answer, as the harness records it: a 2xx whose body broke off is a
 * `stream_cut`; no answer is a `timeout` (k6 error 1050) or a `network` error.
 * @param {import('k6/http').RefinedResponse<any>} res
 * @param {number} lateness
 */
function outcomeOf(res, lateness) {
  /** @type {Record<string, unknown>} */
  const out = { latenessMs: lateness, httpStatus: res.status };
  if (res.status > 0) {
    out.ttfbMs = res.timings.waiting;
    out.eventStream = String(res.headers['Content-Type'] || '').indexOf('text/event-stream') >= 0;
  }
  if (res.error_code) {
    if (res.status >= 200 && res.status < 300) out.error = 'stream_cut';
    else if (res.status === 0) out.error = res.error_code === 1050 ? 'timeout' : 'network';
  }
  return out;
}

/**
 * JSON summary to SUMMARY_PATH plus a short text table on stdout.
 * @param {any} data
 */
export function handleSummary(data) {
  const lines = [`scenario ${name} (run ${RUN_ID})`];
  for (const metric of Object.keys(data.metrics || {})) {
    if (!/^(harness_|dropped_iterations)/.test(metric)) continue;
    const m = data.metrics[metric];
    const v = m.values || {};
    const shown = Object.keys(v).map(
      (k) => `${k}=${typeof v[k] === 'number' ? Number(v[k].toFixed(3)) : v[k]}`,
    );
    lines.push(`  ${metric}: ${shown.join(' ')}`);
    const th = m.thresholds || {};
    for (const expr of Object.keys(th)) lines.push(`    ${th[expr].ok ? '✓' : '✗'} ${expr}`);
  }
  /** @type {Record<string, string>} */
  const out = { stdout: `${lines.join('\n')}\n` };
  out[__ENV.SUMMARY_PATH || 'k6-summary.json'] = JSON.stringify(data, null, 2);
  return out;
}
