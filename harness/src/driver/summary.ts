/**
 * The result of an open-model run: exact accounting (scheduled = ok + errors + dropped +
 * inFlightAtStop + notStarted, over all requests and over the measured window after warm-up),
 * requested vs achieved rate overall and per stage, lateness with its reliability verdict, and
 * latency/TTFT distributions from raw values.
 */

import type { StageSummary } from './per-stage';
import { perStage } from './per-stage';
import type { Schedule } from './schedule';
import { type Distribution, distribution } from './stats';
import type { SecondStats } from './time-series';
import type { Accounting, CompletedRecord, DriverRecord } from './types';

/** A run whose lateness p99 exceeds this is flagged unreliable (metrics.md). */
export const LATENESS_UNRELIABLE_MS = 5;

export type { StageSummary };

/** Everything a report needs from one run. */
export interface RunSummary {
  startedAt: number;
  wallMs: number;
  warmupMs: number;
  aborted: boolean;
  /** Every scheduled request, warm-up included. */
  totals: Accounting;
  /** Requests scheduled at or after the warm-up: the results. */
  measured: Accounting;
  errorsByClass: Record<string, number>;
  requestedRpm: number;
  achievedRpm: number;
  lateness: { p50: number | null; p99: number | null; max: number | null; unreliable: boolean };
  latency: Distribution;
  ttft: Distribution;
  perStage: StageSummary[];
  timeSeries: SecondStats[];
  /** Every verdict, warm-up ones tagged. */
  records: DriverRecord[];
}

/** What the executor hands over at the end. */
export interface SummaryInput {
  schedule: Schedule;
  warmupMs: number;
  startedAt: number;
  wallMs: number;
  stopOffsetMs: number;
  aborted: boolean;
  totals: Accounting;
  records: DriverRecord[];
  latenessMeasured: number[];
  inFlightAtStop: number[];
  notStartedFrom: number;
  timeSeries: SecondStats[];
}

/** Build the run summary from raw records. */
export function summarize(input: SummaryInput): RunSummary {
  const { schedule, warmupMs, records } = input;
  const offsets = schedule.offsetsMs;
  const isMeasured = (i: number) => (offsets[i] ?? 0) >= warmupMs;
  const measured: Accounting = {
    scheduled: 0,
    ok: 0,
    errors: 0,
    dropped: 0,
    inFlightAtStop: 0,
    notStarted: 0,
  };
  for (let i = 0; i < offsets.length; i++) {
    if (!isMeasured(i)) continue;
    measured.scheduled++;
    if (i >= input.notStartedFrom) measured.notStarted++;
  }
  measured.inFlightAtStop = input.inFlightAtStop.filter(isMeasured).length;
  const errorsByClass: Record<string, number> = {};
  const completed: CompletedRecord[] = [];
  for (const r of records) {
    if (r.warmup) continue;
    if (r.kind === 'dropped') {
      measured.dropped++;
      continue;
    }
    completed.push(r);
    if (r.outcome.status === 'ok') measured.ok++;
    else {
      measured.errors++;
      errorsByClass[r.outcome.errorClass] = (errorsByClass[r.outcome.errorClass] ?? 0) + 1;
    }
  }
  const windowEnd = input.aborted ? input.stopOffsetMs : schedule.durationMs;
  const windowMin = Math.max(windowEnd - warmupMs, 0) / 60_000;
  const sentMeasured = measured.ok + measured.errors + measured.inFlightAtStop;
  const lateness = distribution(input.latenessMeasured);
  return {
    startedAt: input.startedAt,
    wallMs: input.wallMs,
    warmupMs,
    aborted: input.aborted,
    totals: input.totals,
    measured,
    errorsByClass,
    requestedRpm: windowMin > 0 ? schedule.expectedBetween(warmupMs, windowEnd) / windowMin : 0,
    achievedRpm: windowMin > 0 ? sentMeasured / windowMin : 0,
    lateness: {
      p50: lateness.p50,
      p99: lateness.p99,
      max: lateness.max,
      unreliable: (lateness.p99 ?? 0) > LATENESS_UNRELIABLE_MS,
    },
    latency: distribution(completed.map((r) => r.latencyMs)),
    ttft: distribution(completed.flatMap((r) => (r.ttftMs === undefined ? [] : [r.ttftMs]))),
    perStage: perStage(schedule, warmupMs, windowEnd, records, input.inFlightAtStop),
    timeSeries: input.timeSeries,
    records,
  };
}
