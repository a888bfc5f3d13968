/**
 * The arrival schedule of an open-model run, computed whole before the run starts (as k6's
 * `ramping-arrival-rate` does): rates are piecewise linear between stage targets, and request i
 * starts where the area under the rate curve reaches i (deterministic) or where a unit-rate
 * Poisson process mapped through that area lands (time rescaling, so ramps stay exact).
 */
import { arrivalOffsets, areaIn as rampArea } from '../../../scenarios/lib/plan.js';

/** One k6-style stage: ramp linearly to `targetRpm` over `durationMs`. */
export interface Stage {
  durationMs: number;
  targetRpm: number;
}

/** A piece of the rate curve: linear from `fromRpm` at `startMs` to `toRpm` at `endMs`. */
export interface Segment {
  startMs: number;
  endMs: number;
  fromRpm: number;
  toRpm: number;
  /** Expected requests in this segment (area under the curve). */
  expected: number;
}

/** What to build a schedule from. */
export interface ScheduleSpec {
  /** Rate at t = 0, requests per minute (k6 `startRate`, default 0). */
  startRpm?: number;
  stages: readonly Stage[];
  /** Poisson arrivals instead of evenly spaced ones. */
  poisson?: boolean;
  /** PRNG seed for Poisson arrivals. */
  seed?: number;
}

/** A computed schedule: sorted offsets in ms from the run start, plus the requested-rate curve. */
export interface Schedule {
  offsetsMs: Float64Array;
  durationMs: number;
  segments: readonly Segment[];
  /** Expected request count (area under the rate curve). */
  expected: number;
  /** Requested rate at `tMs`, requests per minute. */
  rateAt(tMs: number): number;
  /** Expected requests in [fromMs, toMs) (area under the curve), for per-second and per-stage reporting. */
  expectedBetween(fromMs: number, toMs: number): number;
}

const PER_MS = 1 / 60_000;

/** Build the segments of the rate curve from k6-style stages. */
export function segmentsOf(startRpm: number, stages: readonly Stage[]): Segment[] {
  const out: Segment[] = [];
  let t = 0;
  let from = startRpm;
  for (const s of stages) {
    if (!(s.durationMs >= 0) || !(s.targetRpm >= 0)) throw new Error(`invalid stage ${JSON.stringify(s)}`);
    const expected = ((from + s.targetRpm) / 2) * s.durationMs * PER_MS;
    out.push({ startMs: t, endMs: t + s.durationMs, fromRpm: from, toRpm: s.targetRpm, expected });
    t += s.durationMs;
    from = s.targetRpm;
  }
  return out;
}

/** Area under a segment's rate from its start to `dt` ms in. */
function areaIn(seg: Segment, dt: number): number {
  return rampArea(seg.fromRpm, seg.toRpm, seg.endMs - seg.startMs, dt);
}

/** Compute the whole schedule ahead of time; deterministic for the same spec and seed. */
export function buildSchedule(spec: ScheduleSpec): Schedule {
  const segments = segmentsOf(spec.startRpm ?? 0, spec.stages);
  const durationMs = segments.at(-1)?.endMs ?? 0;
  const expected = segments.reduce((sum, s) => sum + s.expected, 0);
  // The offsets come from the plan module k6 paces its iterations by: one schedule, both engines.
  const offsets = arrivalOffsets(spec);
  const rateAt = (tMs: number) => {
    const seg = segments.find((s) => tMs >= s.startMs && tMs < s.endMs);
    if (!seg) return 0;
    const len = seg.endMs - seg.startMs;
    return len > 0 ? seg.fromRpm + ((seg.toRpm - seg.fromRpm) * (tMs - seg.startMs)) / len : seg.toRpm;
  };
  const areaTo = (tMs: number) => {
    let sum = 0;
    for (const s of segments) {
      if (tMs >= s.endMs) sum += s.expected;
      else if (tMs > s.startMs) sum += areaIn(s, tMs - s.startMs);
    }
    return sum;
  };
  return {
    offsetsMs: Float64Array.from(offsets),
    durationMs,
    segments,
    expected,
    rateAt,
    expectedBetween: (fromMs, toMs) => areaTo(toMs) - areaTo(fromMs),
  };
}

/** A constant rate for a duration: the special case of one stage starting at its own target. */
export function constantSchedule(
  rpm: number,
  durationMs: number,
  opts: { poisson?: boolean; seed?: number } = {},
) {
  return buildSchedule({ startRpm: rpm, stages: [{ durationMs, targetRpm: rpm }], ...opts });
}
