/**
 * Requested vs achieved per stage of the rate curve, over the measured window (after warm-up,
 * before an abort), so a ramp shows at which stage the system stopped keeping up.
 */
import type { Schedule } from './schedule';
import type { DriverRecord } from './types';

/** Requested vs achieved for one stage (measured window only). */
export interface StageSummary {
  stage: number;
  startMs: number;
  endMs: number;
  fromRpm: number;
  toRpm: number;
  /** Expected arrivals from the rate curve. */
  requested: number;
  scheduled: number;
  sent: number;
  ok: number;
  errors: number;
  dropped: number;
}

/** Count requested, scheduled, sent and verdicts per stage. */
export function perStage(
  schedule: Schedule,
  warmupMs: number,
  windowEnd: number,
  records: DriverRecord[],
  inFlightAtStop: number[],
): StageSummary[] {
  const rows = schedule.segments.map((seg, stage) => {
    const from = Math.max(seg.startMs, warmupMs);
    const to = Math.min(seg.endMs, windowEnd);
    return {
      stage,
      startMs: seg.startMs,
      endMs: seg.endMs,
      fromRpm: seg.fromRpm,
      toRpm: seg.toRpm,
      requested: to > from ? schedule.expectedBetween(from, to) : 0,
      scheduled: 0,
      sent: 0,
      ok: 0,
      errors: 0,
      dropped: 0,
    };
  });
  const rowOf = (offset: number) => rows.find((r) => offset >= r.startMs && offset < r.endMs);
  for (const t of schedule.offsetsMs) {
    const row = t >= warmupMs ? rowOf(t) : undefined;
    if (row) row.scheduled++;
  }
  for (const r of records) {
    const row = r.warmup ? undefined : rowOf(r.scheduledOffsetMs);
    if (!row) continue;
    if (r.kind === 'dropped') row.dropped++;
    else {
      row.sent++;
      if (r.outcome.status === 'ok') row.ok++;
      else row.errors++;
    }
  }
  for (const i of inFlightAtStop) {
    const row = rowOf(schedule.offsetsMs[i] ?? -1);
    if (row && (schedule.offsetsMs[i] ?? 0) >= warmupMs) row.sent++;
  }
  return rows;
}
