/**
 * Run a scenario with the built-in open-model driver: probe the target, drive the plan, then judge
 * the thresholds and break results down per pattern. This is what `harness run <scenario>` calls
 * (the run manager applies the scenario's mock settings first: runs/mock-isolation.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { runOpenModel, type TickSnapshot } from '../driver/executor';
import type { Distribution } from '../driver/stats';
import type { RunSummary } from '../driver/summary';
import { builtinTarget, type Target, urlTarget } from '../driver/targets';
import type { DriverRecord } from '../driver/types';
import { aggregate, aggregateByPattern, costPerDay } from '../metrics/aggregate';
import { samplesFromRecords } from '../metrics/request-sample';
import { metricLookup } from './metrics';
import { type PlanOverrides, planScenario, type ScenarioPlan } from './plan';
import type { Scenario } from './schema';
import { evaluateThresholds, type ThresholdResult } from './thresholds';

/** How to run a scenario. */
export interface ScenarioRunOptions {
  runId: string;
  /** Default http://127.0.0.1:3000. */
  harnessUrl?: string;
  /** The harness's client workers' invoke ports: built-in sends go there in turn (topology); closed at the end. */
  invokePorts?: MessagePort[];
  token?: string;
  overrides?: PlanOverrides;
  signal?: AbortSignal;
  onRecord?: (record: DriverRecord) => void;
  onTick?: (snapshot: TickSnapshot) => void;
  /** Per-request timeout of the driver, ms. */
  timeoutMs?: number;
  /** Extra headers for request `index` (e.g. its `traceparent`, so the driver span is the trace root). */
  headersFor?: (index: number) => Record<string, string>;
  /** The executor's wake-up margin before each send (driver/timer.ts; default there). */
  timerMarginMs?: number;
}

/** Results of one pattern in the mix (measured window). */
export interface PatternResult {
  ok: number;
  errors: number;
  dropped: number;
  costUsd: number;
  latency: Distribution;
  ttft: Distribution;
}

/** Everything `harness run` prints and stores. */
export interface ScenarioRunResult {
  scenario: string;
  runId: string;
  summary: RunSummary;
  byPattern: Record<string, PatternResult>;
  costUsd: number;
  /** Cost extrapolated to a day at this run's measured rate. */
  costPerDayUsd: number | null;
  expectedCostPerDay: number | null;
  thresholds: ThresholdResult[];
  /** False when a threshold failed or had no data. */
  passed: boolean;
  /** Why the run proves nothing (no measured requests, or none a threshold names); null when it measured. */
  noData: string | null;
}

/** Run a validated scenario end to end; throws `target unreachable: <url>` before scheduling anything. */
export async function runScenario(s: Scenario, opts: ScenarioRunOptions): Promise<ScenarioRunResult> {
  const plan = planScenario(s, opts.overrides);
  const identity = { runId: opts.runId, scenario: s.name, ...optional(opts) };
  const target: Target =
    s.target.kind === 'url'
      ? urlTarget({ ...identity, ...s.target })
      : builtinTarget({
          ...identity,
          harnessUrl: opts.harnessUrl ?? 'http://127.0.0.1:3000',
          ...(opts.invokePorts ? { invokePorts: opts.invokePorts } : {}),
        });
  try {
    await target.probe();
    const summary = await drive(s, plan, target, opts);
    return judgeRun(s, opts.runId, summary, (i) => plan.callFor(i).pattern);
  } finally {
    target.close?.();
  }
}

/** The open-model run of a plan against its target. */
function drive(
  s: Scenario,
  plan: ScenarioPlan,
  target: Target,
  opts: ScenarioRunOptions,
): Promise<RunSummary> {
  return runOpenModel({
    schedule: plan.schedule,
    maxInFlight: plan.maxInFlight,
    warmupMs: plan.warmupMs,
    send: (req) => {
      const call = plan.callFor(req.index);
      // The harness's own client learns the arrival as k6 tells it (`x-arrival-index`), so both
      // engines' provider calls carry it to the mock, which keys its fault draws to it.
      const arrival = s.target.kind === 'url' ? undefined : { 'x-arrival-index': String(req.index) };
      const extra = { ...arrival, ...opts.headersFor?.(req.index) };
      return target.send({ ...call, headers: { ...call.headers, ...extra } }, req.signal);
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onRecord ? { onRecord: opts.onRecord } : {}),
    ...(opts.onTick ? { onTick: opts.onTick } : {}),
    ...(opts.timerMarginMs !== undefined ? { timerMarginMs: opts.timerMarginMs } : {}),
  });
}

/** Thresholds, per-pattern results, cost and the no-data verdict of a finished run: the same for every engine. */
export function judgeRun(
  s: Scenario,
  runId: string,
  summary: RunSummary,
  patternOf: (index: number) => string,
): ScenarioRunResult {
  const thresholds = evaluateThresholds(s.thresholds ?? {}, metricLookup(summary, patternOf));
  const byPattern = breakDown(summary.records, patternOf);
  const costUsd = aggregate(samplesFromRecords(summary.records, patternOf)).costUsd;
  const noData = noDataReason(summary, thresholds);
  return {
    scenario: s.name,
    runId,
    summary,
    byPattern,
    costUsd,
    costPerDayUsd: costPerDay(costUsd, summary.wallMs - summary.warmupMs),
    expectedCostPerDay: s.expectedCostPerDay ?? null,
    thresholds,
    // Nothing measured proves nothing: never a pass.
    passed: noData === null && thresholds.every((t) => t.pass),
    noData,
  };
}

/** Why a run measured nothing to judge, or null: no completed request after warm-up, or a threshold without data. */
export function noDataReason(summary: RunSummary, thresholds: readonly ThresholdResult[]): string | null {
  const m = summary.measured;
  if (m.ok + m.errors === 0)
    return `no requests measured (${m.scheduled} scheduled after warm-up, ${m.dropped} dropped): nothing to judge`;
  const empty = thresholds.filter((t) => t.observed === null);
  if (empty.length === 0) return null;
  const names = [...new Set(empty.map((t) => t.metric))].join(', ');
  return `no data for threshold${empty.length > 1 ? 's' : ''} on ${names}: no measured request of what ${empty.length > 1 ? 'they name' : 'it names'}`;
}

function optional(o: ScenarioRunOptions): { token?: string; timeoutMs?: number } {
  return { ...(o.token ? { token: o.token } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) };
}

/** Per-pattern figures of the measured window, by the one metrics module. */
function breakDown(records: DriverRecord[], patternOf: (i: number) => string): Record<string, PatternResult> {
  return Object.fromEntries(
    Object.entries(aggregateByPattern(samplesFromRecords(records, patternOf))).map(([p, m]) => [
      p,
      {
        ok: m.ok,
        errors: m.errors,
        dropped: m.dropped,
        costUsd: m.costUsd,
        latency: m.latency,
        ttft: m.ttft,
      },
    ]),
  );
}
