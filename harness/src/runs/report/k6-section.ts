import type { Distribution } from '../../driver/stats';
import type { Accounting } from '../../driver/types';
import { fmt, mdTable } from './format';

/** What k6 counts and times, said once: every view labels k6's figures with it. */
export const K6_POPULATION =
  "k6's own figures, from its end-of-test summary: every iteration k6 ran, warm-up included; http_req_duration times the HTTP request alone (no schedule lateness)";

/** What the harness's figures beside them cover. */
const HARNESS_POPULATION =
  "the harness's figures: counts over every scheduled request (warm-up included), latency over the measured window from the scheduled start";

/** k6's key metrics of a k6 run, as the report shows them (null: k6 did not report that metric). */
export interface K6Figures {
  /** Always `k6`: these are k6's numbers, not the harness's. */
  source: 'k6';
  population: string;
  exitCode: number;
  thresholdsPassed: boolean;
  iterations: number | null;
  httpReqs: number | null;
  droppedIterations: number | null;
  vusMax: number | null;
  /** k6's `checks` rate (null when the run made no check). */
  checks: { rate: number; passes: number; fails: number } | null;
  /** k6's `http_req_duration`, ms. */
  httpReqDuration: {
    avg: number | null;
    p50: number | null;
    p90: number | null;
    p95: number | null;
    p99: number | null;
    max: number | null;
  } | null;
}

/** The k6 report as a run stores it (scenarios/run-k6.ts). */
interface StoredK6 {
  exitCode?: number;
  thresholdsPassed?: boolean;
  metrics?: Record<string, { values?: Record<string, unknown> } | undefined>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** k6's key figures from a run's stored k6 summary; null for runs without one (built-in engine). */
export function k6Figures(stored: unknown): K6Figures | null {
  if (!stored || typeof stored !== 'object') return null;
  const k = stored as StoredK6;
  const values = (name: string) => k.metrics?.[name]?.values ?? {};
  const duration = values('http_req_duration');
  const checks = values('checks');
  return {
    source: 'k6',
    population: K6_POPULATION,
    exitCode: num(k.exitCode) ?? -1,
    thresholdsPassed: k.thresholdsPassed !== false,
    iterations: num(values('iterations').count),
    httpReqs: num(values('http_reqs').count),
    // k6 leaves a metric out of its summary when nothing was recorded: no drop is 0 drops.
    droppedIterations: k.metrics ? (num(values('dropped_iterations').count) ?? 0) : null,
    vusMax: num(values('vus_max').max) ?? num(values('vus_max').value),
    checks:
      num(checks.rate) === null
        ? null
        : { rate: num(checks.rate) ?? 0, passes: num(checks.passes) ?? 0, fails: num(checks.fails) ?? 0 },
    httpReqDuration:
      Object.keys(duration).length === 0
        ? null
        : {
            avg: num(duration.avg),
            p50: num(duration.med),
            p90: num(duration['p(90)']),
            p95: num(duration['p(95)']),
            p99: num(duration['p(99)']),
            max: num(duration.max),
          },
  };
}

/** The harness's own figures the k6 section sets beside k6's. */
export interface HarnessSide {
  totals: Accounting;
  latency: Distribution;
}

/**
 * The "k6's own figures" section as Markdown blocks (the HTML report renders the same blocks):
 * k6's key metrics next to the harness's, each column labelled with the population it counts.
 */
export function k6Markdown(k: K6Figures | null, h: HarnessSide): string[] {
  if (!k) return [];
  const t = h.totals;
  const d = k.httpReqDuration;
  const rows: string[][] = [
    ['iterations started', fmt.int(k.iterations), fmt.int(t.ok + t.errors + t.inFlightAtStop)],
    ['HTTP requests', fmt.int(k.httpReqs), '—'],
    ['dropped iterations', fmt.int(k.droppedIterations), fmt.int(t.dropped)],
    ['latency p50', fmt.ms(d?.p50), fmt.ms(h.latency.p50)],
    ['latency p90', fmt.ms(d?.p90), fmt.ms(h.latency.p90)],
    ['latency p95', fmt.ms(d?.p95), fmt.ms(h.latency.p95)],
    ['latency p99', fmt.ms(d?.p99), fmt.ms(h.latency.p99)],
    ['latency max', fmt.ms(d?.max), fmt.ms(h.latency.max)],
    [
      'checks',
      k.checks
        ? `${fmt.pct(k.checks.rate)} (${fmt.int(k.checks.passes)} ✓ ${fmt.int(k.checks.fails)} ✗)`
        : '—',
      '—',
    ],
    ['VUs max', fmt.int(k.vusMax), '—'],
  ];
  return [
    "## k6's own figures",
    `Population: ${K6_POPULATION}; ${HARNESS_POPULATION}. k6 exited ${k.exitCode}; its thresholds ${k.thresholdsPassed ? 'passed' : '**failed**'}.`,
    mdTable(['figure', "k6 (k6's population)", "harness (the harness's population)"], rows),
  ];
}
