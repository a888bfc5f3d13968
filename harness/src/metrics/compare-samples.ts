/**
 * The statistics of a comparison: every metric of each candidate against the baseline, its value
 * from the one metrics module (`aggregate`, so it equals the report's), the delta's confidence
 * interval from the per-request samples, and a verdict that calls a delta inside the noise
 * "no significant change".
 */
import type { CompareMetric, Verdict } from '../contracts/compare';
import { aggregate, groupByPattern, type MetricSet } from './aggregate';
import { bootstrapDeltaCi, rateDeltaCi, type SampleStat } from './confidence';
import type { RequestSample } from './request-sample';

type Interval = [number, number] | null;

/** How one metric is read from a population and how its interval is built. */
interface MetricSpec {
  name: string;
  unit: CompareMetric['unit'];
  better: CompareMetric['better'];
  value(m: MetricSet): number | null;
  /** The samples behind the value (for the bootstrap) or the proportion's k of n. */
  interval(
    a: readonly RequestSample[],
    b: readonly RequestSample[],
    seed: number,
  ): { ci: Interval; n: [number, number] };
}

const sent = (xs: readonly RequestSample[]) => xs.filter((x) => x.outcome !== 'dropped');
const latencies = (xs: readonly RequestSample[]) =>
  sent(xs).flatMap((x) => (x.latencyMs === null ? [] : [x.latencyMs]));
const ttfts = (xs: readonly RequestSample[]) =>
  sent(xs).flatMap((x) => (x.ttftMs === null ? [] : [x.ttftMs]));
const costs1k = (xs: readonly RequestSample[]) => sent(xs).map((x) => x.costUsd * 1000);

function boot(
  name: string,
  unit: CompareMetric['unit'],
  values: (xs: readonly RequestSample[]) => number[],
  stat: SampleStat,
  value: (m: MetricSet) => number | null,
): MetricSpec {
  return {
    name,
    unit,
    better: 'lower',
    value,
    interval(a, b, seed) {
      const va = values(a);
      const vb = values(b);
      return { ci: bootstrapDeltaCi(va, vb, stat, { seed }), n: [va.length, vb.length] };
    },
  };
}

function rate(
  name: string,
  kn: (m: MetricSet) => { k: number; n: number },
  value: (m: MetricSet) => number | null,
): MetricSpec {
  return {
    name,
    unit: 'rate',
    better: 'lower',
    value,
    interval(a, b) {
      const ka = kn(aggregate(a));
      const kb = kn(aggregate(b));
      return { ci: rateDeltaCi(ka, kb), n: [ka.n, kb.n] };
    },
  };
}

const pct = (p: number): SampleStat => ({ kind: 'percentile', p });
const LAT = (p: 50 | 95 | 99) => boot(`latency p${p}`, 'ms', latencies, pct(p), (m) => m.latency[`p${p}`]);
const TTFT = (p: 50 | 95) => boot(`TTFT p${p}`, 'ms', ttfts, pct(p), (m) => m.ttft[`p${p}`]);
const ERROR_RATE = rate(
  'error rate',
  (m) => ({ k: m.errors, n: m.ok + m.errors }),
  (m) => m.errorRate,
);
const DROP_RATE = rate(
  'drop rate',
  (m) => ({ k: m.dropped, n: m.requests }),
  (m) => (m.requests ? m.dropped / m.requests : null),
);
const COST_1K = boot('cost per 1K requests', 'usd', costs1k, { kind: 'mean' }, (m) => m.costPer1k);

/** Run-wide metrics of a comparison. */
export const OVERALL_METRICS: readonly MetricSpec[] = [
  LAT(50),
  LAT(95),
  LAT(99),
  TTFT(50),
  TTFT(95),
  ERROR_RATE,
  DROP_RATE,
  COST_1K,
];
/** Metrics of each pattern present in both runs. */
export const PATTERN_METRICS: readonly MetricSpec[] = [LAT(95), TTFT(50), ERROR_RATE, COST_1K];

/** A small stable hash, so each metric's bootstrap has its own fixed seed. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The verdict for a delta and its interval. */
export function verdictOf(
  ci: Interval,
  better: CompareMetric['better'],
): { significant: boolean; verdict: Verdict } {
  if (!ci) return { significant: false, verdict: 'no data' };
  const up = ci[0] > 0;
  const down = ci[1] < 0;
  if (!up && !down) return { significant: false, verdict: 'no significant change' };
  return { significant: true, verdict: (better === 'lower') === down ? 'better' : 'worse' };
}

function row(
  spec: MetricSpec,
  a: readonly RequestSample[],
  b: readonly RequestSample[],
  candidateRun: string,
  pattern: string | undefined,
): CompareMetric {
  const va = spec.value(aggregate(a));
  const vb = spec.value(aggregate(b));
  const { ci, n } = spec.interval(a, b, seedOf(`${spec.name}|${pattern ?? ''}`));
  const judged = va === null || vb === null ? verdictOf(null, spec.better) : verdictOf(ci, spec.better);
  return {
    name: spec.name,
    ...(pattern === undefined ? {} : { pattern }),
    candidateRun,
    unit: spec.unit,
    better: spec.better,
    baseline: va,
    candidate: vb,
    delta: va === null || vb === null ? null : vb - va,
    ci: va === null || vb === null ? null : ci,
    ...judged,
    samples: { baseline: n[0], candidate: n[1] },
  };
}

/** Every metric of one candidate against the baseline: run-wide, then per pattern present in both. */
export function compareSamples(
  baseline: readonly RequestSample[],
  candidate: readonly RequestSample[],
  candidateRun: string,
): CompareMetric[] {
  const out = OVERALL_METRICS.map((s) => row(s, baseline, candidate, candidateRun, undefined));
  const pa = groupByPattern(baseline);
  const pb = groupByPattern(candidate);
  for (const [pattern, a] of pa) {
    const b = pb.get(pattern);
    if (!b) continue;
    for (const s of PATTERN_METRICS) out.push(row(s, a, b, candidateRun, pattern));
  }
  return out;
}
