// @ts-check
/**
 * The generic k6 script: `k6 run -e SCENARIO=<name> scenarios/k6/run.js`. Reads the same scenario
 * file as the built-in driver and reports the same metric names, so thresholds agree.
 * Env: SCENARIO, HARNESS_URL (default http://127.0.0.1:3000), RUN_ID, HARNESS_TOKEN,
 * MOCK_URL (apply the scenario's `mock` config in setup), SUMMARY_PATH (default k6-summary.json).
 */
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import { scenarios } from '../index.js';
import { durationMs, k6Options, pickFault, pickItem } from './plan.js';

const name = __ENV.SCENARIO ?? 'smoke';
const scenario = scenarios[name];
if (!scenario)
  throw new Error(`unknown scenario "${name}": valid names are ${Object.keys(scenarios).join(', ')}`);
const HARNESS_URL = (__ENV.HARNESS_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const RUN_ID = __ENV.RUN_ID ?? `k6-${name}-${Date.now()}`;
const WARMUP_MS = scenario.warmup ? durationMs(scenario.warmup) : 0;

const latency = new Trend('harness_latency_ms', true);
const ttft = new Trend('harness_ttft_ms', true);
const errors = new Rate('harness_errors');
const cost = new Counter('harness_cost_usd');

/** @type {import('k6/options').Options} */
export const options = {
  ...k6Options(scenario),
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
};

/** Apply the scenario's mock config (profile, rate limits, timeScale, seed) when MOCK_URL is given. */
export function setup() {
  if (__ENV.MOCK_URL && scenario?.mock) {
    http.put(`${__ENV.MOCK_URL}/__admin/config`, JSON.stringify(scenario.mock), {
      headers: { 'content-type': 'application/json' },
    });
  }
}

/** @param {string} pattern */
function invoke(pattern) {
  if (!scenario) return;
  const started = Date.now();
  const elapsed = started - exec.scenario.startTime;
  const item = pickItem(scenario, pattern, Math.random);
  if (!item) return;
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', 'x-run-id': RUN_ID, 'x-scenario': name };
  if (__ENV.HARNESS_TOKEN) headers.authorization = `Bearer ${__ENV.HARNESS_TOKEN}`;
  const fault = pickFault(scenario, pattern, elapsed, Math.random);
  if (fault) headers['x-mock-fault'] = fault;
  const call = {
    provider: item.provider,
    model: item.model,
    input: item.input,
    maxTokens: item.maxTokens,
    fallback: item.fallback,
  };
  const target = scenario.target ?? { kind: 'builtin' };
  let ok = false;
  /** @type {number | undefined} */
  let ttftMs;
  let costUsd = 0;
  if (target.kind === 'url') {
    const body =
      target.body === undefined
        ? JSON.stringify({ pattern, ...call })
        : typeof target.body === 'string'
          ? target.body
          : JSON.stringify(target.body);
    const res = http.request(target.method ?? 'POST', target.url, body, {
      headers: { ...headers, 'x-pattern': pattern, ...target.headers },
      timeout: '120s',
    });
    ok = res.status >= 200 && res.status < 300;
  } else {
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
    ok = Boolean(out?.ok);
    // The server's TTFT runs from its own start; the iteration started on schedule just before the send.
    if (typeof out?.ttftMs === 'number') ttftMs = out.ttftMs;
    if (typeof out?.costUsd === 'number') costUsd = out.costUsd;
  }
  // Warm-up iterations run but stay out of the scenario's metrics, as in the built-in driver.
  if (elapsed < WARMUP_MS) return;
  const tags = { pattern };
  latency.add(Date.now() - started, tags);
  if (ttftMs !== undefined) ttft.add(ttftMs, tags);
  errors.add(!ok, tags);
  if (costUsd) cost.add(costUsd, tags);
}

export const direct = () => invoke('direct');
export const streaming = () => invoke('streaming');
export const batch = () => invoke('batch');
export const rag = () => invoke('rag');
export const agent = () => invoke('agent');

/**
 * JSON summary to SUMMARY_PATH plus a short text table on stdout.
 * @param {any} data
 */
export function handleSummary(data) {
  const lines = [`scenario ${name} (run ${RUN_ID})`];
  for (const [metric, m] of Object.entries(data.metrics ?? {})) {
    if (!/^(harness_|dropped_iterations)/.test(metric)) continue;
    const v = /** @type {any} */ (m).values ?? {};
    const shown = Object.entries(v).map(
      ([k, x]) => `${k}=${typeof x === 'number' ? Number(x.toFixed(3)) : x}`,
    );
    lines.push(`  ${metric}: ${shown.join(' ')}`);
    for (const [expr, t] of Object.entries(/** @type {any} */ (m).thresholds ?? {})) {
      lines.push(`    ${/** @type {any} */ (t).ok ? '✓' : '✗'} ${expr}`);
    }
  }
  return {
    [__ENV.SUMMARY_PATH ?? 'k6-summary.json']: JSON.stringify(data, null, 2),
    stdout: `${lines.join('\n')}\n`,
  };
}
