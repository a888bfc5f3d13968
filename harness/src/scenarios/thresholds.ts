/**
 * k6 threshold expressions (`p(95)<2000`, `rate<0.05`, `count==0`, …) parsed and evaluated against
 * a run's metrics, so a scenario's `thresholds` mean the same in the built-in driver and in k6.
 * Aggregations follow k6 per metric type: trend → avg/min/max/med/p(N); rate → rate;
 * counter → count/rate (per second).
 */
import { percentileSorted, sortedCopy } from '../driver/stats';

/** The metric names both engines emit, with their k6 types. */
export const METRIC_TYPES = {
  harness_latency_ms: 'trend',
  harness_ttft_ms: 'trend',
  harness_errors: 'rate',
  harness_cost_usd: 'counter',
  dropped_iterations: 'counter',
} as const;

/** A metric both engines emit. */
export type MetricName = keyof typeof METRIC_TYPES;
type Agg = { kind: 'p'; p: number } | { kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' };
const OPS = ['<=', '>=', '===', '==', '!=', '<', '>'] as const;
const ALLOWED: Record<(typeof METRIC_TYPES)[MetricName], readonly string[]> = {
  trend: ['avg', 'min', 'max', 'med', 'p'],
  rate: ['rate'],
  counter: ['count', 'rate'],
};
const FORMS = 'e.g. "p(95)<2000", "avg<=500", "rate<0.05", "count==0"';

/** A parsed expression. */
export interface Threshold {
  source: string;
  agg: Agg;
  op: (typeof OPS)[number];
  value: number;
}

/** A metric key with an optional k6 tag filter, e.g. `harness_latency_ms{pattern:streaming}`. */
export interface MetricKey {
  name: MetricName;
  tags: Record<string, string>;
}

/** Values of one metric (already filtered by tags) that thresholds aggregate. */
export type MetricSample =
  | { type: 'trend'; values: ArrayLike<number> }
  | { type: 'rate'; passes: number; total: number }
  | { type: 'counter'; sum: number; durationS: number /** Measured requests counted in. */; samples: number };

/**
 * One verdict. `observed` is null when the metric has no data (no measured request of what it
 * names): such a threshold never passes (unlike k6, which passes it) and its verdict is `no data`.
 */
export interface ThresholdResult {
  metric: string;
  expression: string;
  observed: number | null;
  pass: boolean;
}

/**
 * The verdict over all thresholds: FAIL when one failed, else NO DATA when one had none or the run
 * measured nothing (`noData`), else PASS; null when the run judged none (`passed` null).
 */
export function thresholdsVerdict(
  results: readonly Pick<ThresholdResult, 'observed' | 'pass'>[],
  passed: boolean | null,
  noData = false,
): 'PASS' | 'FAIL' | 'NO DATA' | null {
  if (passed === null && results.length === 0) return null;
  if (results.some((t) => thresholdVerdict(t) === 'FAIL')) return 'FAIL';
  if (noData || results.some((t) => t.observed === null)) return 'NO DATA';
  return passed === false ? 'FAIL' : 'PASS';
}

/** How every view words a verdict: `pass`, `FAIL` or `no data`. */
export function thresholdVerdict(t: Pick<ThresholdResult, 'observed' | 'pass'>): 'pass' | 'FAIL' | 'no data' {
  if (t.observed === null) return 'no data';
  return t.pass ? 'pass' : 'FAIL';
}

/** Parse `name` or `name{tag:value,…}`; unknown names throw listing the known ones. */
export function parseMetricKey(key: string): MetricKey {
  const m = /^([a-z_]+)(?:\{([^}]*)\})?$/.exec(key.trim());
  const name = m?.[1];
  if (!m || !name || !(name in METRIC_TYPES)) {
    throw new Error(
      `unknown threshold metric "${key}": expected one of ${Object.keys(METRIC_TYPES).join(', ')}`,
    );
  }
  const tags: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter((p) => p.trim())) {
    const [k, v] = pair.split(':').map((x) => x.trim());
    if (!k || !v) throw new Error(`invalid tag filter "${pair}" in "${key}": expected {tag:value}`);
    tags[k] = v;
  }
  return { name: name as MetricName, tags };
}

/** Parse one expression; when `metric` is given, the aggregation must suit its type. */
export function parseThreshold(expr: string, metric?: MetricName): Threshold {
  const m =
    /^\s*(p\(\s*(\d+(?:\.\d+)?)\s*\)|avg|min|max|med|rate|count)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i.exec(
      expr,
    );
  if (!m) throw new Error(`invalid threshold "${expr}": expected <aggregation><operator><number>, ${FORMS}`);
  const head = (m[1] ?? '').toLowerCase();
  const agg: Agg = head.startsWith('p(') ? { kind: 'p', p: Number(m[2]) } : { kind: head as 'avg' };
  if (agg.kind === 'p' && !(agg.p >= 0 && agg.p <= 100))
    throw new Error(`invalid threshold "${expr}": p(N) needs 0 ≤ N ≤ 100`);
  if (metric && !ALLOWED[METRIC_TYPES[metric]].includes(agg.kind)) {
    const ok = ALLOWED[METRIC_TYPES[metric]].map((a) => (a === 'p' ? 'p(N)' : a)).join(', ');
    throw new Error(`invalid threshold "${expr}" for ${metric} (${METRIC_TYPES[metric]}): use ${ok}`);
  }
  return { source: expr, agg, op: m[3] as Threshold['op'], value: Number(m[4]) };
}

/** The aggregate a threshold compares, or null when the metric has no data. */
export function aggregate(agg: Agg, sample: MetricSample): number | null {
  if (sample.type === 'rate') return sample.total > 0 ? sample.passes / sample.total : null;
  if (sample.type === 'counter') {
    if (sample.samples === 0) return null;
    return agg.kind === 'rate' ? (sample.durationS > 0 ? sample.sum / sample.durationS : null) : sample.sum;
  }
  const s = sortedCopy(sample.values);
  if (s.length === 0) return null;
  if (agg.kind === 'p') return percentileSorted(s, agg.p);
  if (agg.kind === 'med') return percentileSorted(s, 50);
  if (agg.kind === 'min') return s[0] ?? null;
  if (agg.kind === 'max') return s[s.length - 1] ?? null;
  return s.reduce((a, b) => a + b, 0) / s.length;
}

function compare(observed: number, op: Threshold['op'], value: number): boolean {
  switch (op) {
    case '<':
      return observed < value;
    case '<=':
      return observed <= value;
    case '>':
      return observed > value;
    case '>=':
      return observed >= value;
    case '!=':
      return observed !== value;
    default:
      return observed === value;
  }
}

/** Evaluate every threshold of a scenario; `lookup` returns a metric's values for a key (tags applied). */
export function evaluateThresholds(
  thresholds: Record<string, readonly string[]>,
  lookup: (key: MetricKey) => MetricSample,
): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  for (const [metric, exprs] of Object.entries(thresholds)) {
    const key = parseMetricKey(metric);
    const sample = lookup(key);
    for (const expression of exprs) {
      const t = parseThreshold(expression, key.name);
      const observed = aggregate(t.agg, sample);
      out.push({ metric, expression, observed, pass: observed !== null && compare(observed, t.op, t.value) });
    }
  }
  return out;
}
