// @ts-check
/**
 * Pure helpers that turn a scenario into k6 options: one `ramping-arrival-rate` executor per
 * pattern, the rate split by mix weight. No k6 or node imports, so node tests can check them.
 * Defaults mirror harness/src/scenarios/schema.ts (startRate 0, maxInFlight 1000).
 */

/** @typedef {import('../lib/types.js').Scenario} Scenario */

const UNIT_MS = /** @type {Record<string, number>} */ ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 });

/**
 * "1h30m" → ms (the same syntax as the built-in driver's parseDuration).
 * @param {string} text
 * @returns {number}
 */
export function durationMs(text) {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new Error(`invalid duration "${text}"`);
    total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 0);
    pos = re.lastIndex;
  }
  return total;
}

/**
 * Total mix weight per pattern, in first-seen order.
 * @param {Scenario} s
 * @returns {{ pattern: string, weight: number }[]}
 */
export function patternShares(s) {
  /** @type {Map<string, number>} */
  const by = new Map();
  for (const m of s.mix) by.set(m.pattern, (by.get(m.pattern) ?? 0) + m.weight);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return [...by.entries()].map(([pattern, w]) => ({ pattern, weight: w / total }));
}

/**
 * k6 rates are integers: keep `timeUnit: '1m'` when rounding is within 2 %, else count per hour.
 * @param {number[]} rpms
 * @returns {{ timeUnit: string, scale: number }}
 */
function unitFor(rpms) {
  const exact = rpms.every((r) => r === 0 || Math.abs(Math.round(r) - r) / r <= 0.02);
  return exact ? { timeUnit: '1m', scale: 1 } : { timeUnit: '1h', scale: 60 };
}

/**
 * k6 `options.scenarios` and `options.thresholds` for a scenario.
 * @param {Scenario} s
 */
export function k6Options(s) {
  const maxInFlight = s.maxInFlight ?? 1000;
  /** @type {Record<string, import('k6/options').RampingArrivalRateScenario>} */
  const executors = {};
  for (const { pattern, weight } of patternShares(s)) {
    const start = (s.startRate ?? 0) * weight;
    const targets = s.stages.map((st) => st.target * weight);
    const { timeUnit, scale } = unitFor([start, ...targets]);
    const peak = Math.max(start, ...targets);
    const maxVUs = Math.max(1, Math.ceil(maxInFlight * weight));
    executors[pattern] = {
      executor: 'ramping-arrival-rate',
      exec: pattern,
      startRate: Math.round(start * scale),
      timeUnit,
      stages: s.stages.map((st, i) => ({
        duration: st.duration,
        target: Math.round((targets[i] ?? 0) * scale),
      })),
      // Enough VUs for ~5 s of peak arrivals up front; beyond maxVUs k6 drops, as our driver does.
      preAllocatedVUs: Math.min(maxVUs, Math.max(1, Math.ceil((peak / 60) * 5))),
      maxVUs,
      tags: { pattern },
    };
  }
  return { scenarios: executors, thresholds: s.thresholds ?? {} };
}

/**
 * The fault to force on one request (`x-mock-fault`), drawn like the built-in driver does.
 * @param {Scenario} s
 * @param {string} pattern
 * @param {number} elapsedMs time since the run started
 * @param {() => number} random uniform in [0, 1)
 * @returns {string | undefined}
 */
export function pickFault(s, pattern, elapsedMs, random) {
  for (const f of s.faults ?? []) {
    if (f.pattern && f.pattern !== pattern) continue;
    if (f.from && elapsedMs < durationMs(f.from)) continue;
    if (f.until && elapsedMs >= durationMs(f.until)) continue;
    if (random() < f.probability) return f.kind;
  }
  return undefined;
}

/**
 * The mix entry one `pattern` iteration uses, by weight among that pattern's entries.
 * @param {Scenario} s
 * @param {string} pattern
 * @param {() => number} random uniform in [0, 1)
 */
export function pickItem(s, pattern, random) {
  const items = s.mix.filter((m) => m.pattern === pattern);
  let r = random() * items.reduce((a, m) => a + m.weight, 0);
  for (const m of items) {
    r -= m.weight;
    if (r < 0) return m;
  }
  return items[items.length - 1];
}
