import type { RunSettings } from '../../contracts/live';
import { PRICE_TABLE_DATE } from '../../cost/prices';
import type { Distribution } from '../../driver/stats';
import type { RunSummary } from '../../driver/summary';
import { aggregate, aggregateByPattern, costPerDay, type MetricSet } from '../../metrics/aggregate';
import { storedSamples } from '../../metrics/store-samples';
import type { ScenarioRunResult } from '../../scenarios/run';
import { type ThresholdResult, thresholdsVerdict, thresholdVerdict } from '../../scenarios/thresholds';
import type { Store } from '../../store/client';
import type { InstrumentError } from '../instrument/instrument-error';
import type { RunRecord } from '../registry';
import { queryAppSection } from './app-query';
import type { AppSection } from './app-section';
import { type K6Figures, k6Figures } from './k6-section';
import { type PatternDetail, queryRequestDetail, type RunWindow, runWindows } from './request-detail';
import { type ConfusionCell, queryRunFacts, type RunFacts } from './run-facts';

/** One pattern's line of the report: the one metrics module's figures for its measured requests. */
export interface PatternLine extends MetricSet {
  pattern: string;
}

/** Everything a report shows about one run (the JSON report is exactly this). */
export interface RunReport {
  runId: string;
  scenario: string;
  engine: string;
  status: string;
  gitVersion: string;
  seed: number;
  startedAt: string;
  endedAt: string | null;
  measuredSeconds: number;
  /** Why the run failed (e.g. it measured no requests), or null. */
  failure: string | null;
  /** What the run ran on: the mock's effective settings and the client's (null for older runs). */
  settings: RunSettings | null;
  /** The driver's exact accounting of every scheduled request of the measured window. */
  accounting: RunSummary['measured'] & { identityHolds: boolean };
  totals: RunSummary['totals'];
  requestedRpm: number;
  achievedRpm: number;
  lateness: RunSummary['lateness'];
  latency: Distribution;
  ttft: Distribution;
  errorsByClass: Record<string, number>;
  /** errors / (ok + errors) of the measured window; null when nothing was sent. */
  errorRate: number | null;
  patterns: PatternLine[];
  cost: {
    totalUsd: number;
    per1kRequests: number | null;
    perDayAtRunRate: number | null;
    expectedPerDay: number | null;
    wastedUsd: number;
    priceTableDate: string;
  };
  timeSeries: RunSummary['timeSeries'];
  perStage: RunSummary['perStage'];
  /** Each with its verdict as every view words it (`no data`: nothing measured that it names). */
  thresholds: (ThresholdResult & { verdict: ReturnType<typeof thresholdVerdict> })[];
  passed: boolean | null;
  /** PASS, FAIL, or NO DATA (never PASS on nothing measured); null when the run judged none. */
  verdict: ReturnType<typeof thresholdsVerdict>;
  /** What the store holds for this run, reconciled against the driver's own counts. */
  store: RunFacts['store'] & { reconciled: boolean };
  /** Injected by the mock (ground truth) vs observed by the client, per class. */
  fidelity: { injected: Record<string, number>; observed: Record<string, number> };
  /** Per measured request: the fault(s) the mock injected on its attempts × the outcome the client reported. */
  confusion: ConfusionCell[];
  /** The instrument's own error and the reliability verdict; null when it could not be measured. */
  instrument: InstrumentError | null;
  /** URL-target runs: the app per endpoint, its provider calls and cost, the resilience table. */
  app: AppSection | null;
  /** k6 runs: k6's own key figures (its population, labelled as such); null for the built-in engine. */
  k6: K6Figures | null;
  /** Per-pattern series, distributions, slowest and failed requests (charts and lists). */
  detail: PatternDetail[];
  /** Warm-up and forced-fault windows, seconds since the start (the charts shade them). */
  windows: RunWindow[];
}

type StoredSummary = Omit<ScenarioRunResult, 'summary'> & {
  summary: Omit<RunSummary, 'records'>;
  /** Absent in runs recorded before the instrument measured itself. */
  instrument?: InstrumentError | null;
  /** Set when the run failed after measuring (no data to judge). */
  error?: string;
  /** k6 runs: k6's exit code and end-of-test summary (scenarios/run-k6.ts). */
  k6?: unknown;
};

/** Assemble a run's report from its registry record (driver summary) and the store (spans). */
export async function buildRunReport(store: Store, run: RunRecord): Promise<RunReport> {
  const stored = (run.summary ?? null) as StoredSummary | { error: string } | null;
  if (!stored || !('summary' in stored)) {
    const why = stored && 'error' in stored ? `: ${stored.error}` : '';
    throw new Error(`run ${run.runId} has no results (status ${run.status}${why})`);
  }
  const s = stored.summary;
  const target = (run.config as { scenario?: { target?: { kind?: string } } } | null)?.scenario?.target;
  const [facts, app, detail, samples] = await Promise.all([
    queryRunFacts(store, run.runId),
    target?.kind === 'url' ? queryAppSection(store, run.runId) : null,
    queryRequestDetail(store, run.runId),
    storedSamples(store, run.runId),
  ]);
  const measuredSeconds = Math.max(0, (s.wallMs - s.warmupMs) / 1000);
  const all = aggregate(samples);
  // A URL target's samples carry the cost of the provider calls in their traces (store-samples.ts).
  const patterns: PatternLine[] = Object.entries(aggregateByPattern(samples)).map(([pattern, x]) => ({
    pattern,
    ...x,
  }));
  const total = all;
  const m = s.measured;
  return {
    runId: run.runId,
    scenario: run.scenario,
    engine: run.engine,
    status: run.status,
    gitVersion: run.gitVersion,
    seed: run.seed,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    measuredSeconds,
    failure: run.status === 'failed' ? (stored.error ?? 'the run failed') : null,
    settings: run.settings,
    accounting: {
      ...m,
      identityHolds: m.scheduled === m.ok + m.errors + m.dropped + m.inFlightAtStop + m.notStarted,
    },
    totals: s.totals,
    requestedRpm: s.requestedRpm,
    achievedRpm: s.achievedRpm,
    lateness: s.lateness,
    latency: all.latency,
    ttft: all.ttft,
    errorsByClass: all.errorsByClass,
    errorRate: all.errorRate,
    patterns,
    cost: {
      totalUsd: total.costUsd,
      per1kRequests: total.costPer1k,
      perDayAtRunRate: costPerDay(total.costUsd, s.wallMs - s.warmupMs),
      expectedPerDay: stored.expectedCostPerDay,
      wastedUsd: all.wastedUsd,
      priceTableDate: PRICE_TABLE_DATE,
    },
    timeSeries: s.timeSeries,
    perStage: s.perStage,
    // Runs recorded before "no data" failed stored such thresholds as passed: judged again here.
    thresholds: stored.thresholds.map((t) => ({
      ...t,
      pass: t.pass && t.observed !== null,
      verdict: thresholdVerdict(t),
    })),
    passed:
      stored.passed === null ? null : stored.passed && stored.thresholds.every((t) => t.observed !== null),
    verdict: thresholdsVerdict(stored.thresholds, stored.passed, s.measured.ok + s.measured.errors === 0),
    store: {
      ...facts.store,
      reconciled: facts.store.spans === s.totals.scheduled - s.totals.notStarted - s.totals.inFlightAtStop,
    },
    fidelity: facts.fidelity,
    confusion: facts.confusion,
    instrument: stored.instrument ?? null,
    app,
    k6: run.engine === 'k6' ? k6Figures(stored.k6) : null,
    detail,
    windows: runWindows(run.config, s.wallMs / 1000),
  };
}
