import type { LiveTick, MeasuredFigures } from '../contracts/live';
import type { TickSnapshot } from '../driver/executor';
import type { DriverRecord } from '../driver/types';
import { aggregate } from '../metrics/aggregate';
import { type RequestSample, sampleFromRecord, samplesFromRecords } from '../metrics/request-sample';
import { timingsByPattern } from '../metrics/second-timings';
import type { ClientGauges } from './client-gauges';

/**
 * Turns the driver's once-a-second snapshot into the dashboard's live tick, adding what the
 * snapshot lacks (cost, tokens, retries and per-pattern timings of the requests that finished this
 * second, totals) and the client's gauges (queue depth, breaker states). A tick's `t` is the second
 * its figures describe (the one that just ended), as in the stored per-second series.
 */
export function createLiveTicker(runId: string, gauges: ClientGauges, patternOf: (index: number) => string) {
  let second = { cost: 0, tokens: 0, retries: 0 };
  let totalCost = 0;
  let lastElapsed = 0;
  let lastTick: LiveTick | undefined;
  const samples: RequestSample[] = [];
  // Every verdict since the last tick, warm-up included (the tick says whether it is warm-up).
  let thisSecond: RequestSample[] = [];
  return {
    record(r: DriverRecord): void {
      samples.push(...samplesFromRecords([r], patternOf));
      thisSecond.push(sampleFromRecord(r, patternOf(r.index)));
      if (r.kind !== 'completed') return;
      const o = r.outcome;
      second.cost += o.costUsd ?? 0;
      second.tokens += o.tokensOut ?? 0;
      second.retries += o.retries ?? 0;
      totalCost += o.costUsd ?? 0;
    },
    tick(s: TickSnapshot): LiveTick {
      const spanS = Math.max(0.001, (s.elapsedMs - lastElapsed) / 1000);
      lastElapsed = s.elapsedMs;
      const g = gauges();
      const last = s.last;
      const tick: LiveTick = {
        runId,
        t: last.second,
        warmup: last.warmup,
        targetRpm: last.requested * 60,
        achievedRpm: last.achieved * 60,
        ok: last.ok,
        errorsByClass: last.errors,
        dropped: last.dropped,
        latencyMs: { p50: last.latency.p50, p95: last.latency.p95, p99: last.latency.p99 },
        ttftMs: { p50: last.ttft.p50, p95: last.ttft.p95 },
        byPattern: timingsByPattern(thisSecond),
        retries: second.retries,
        tokensPerSec: second.tokens / spanS,
        costPerMin: (second.cost / spanS) * 60,
        inFlight: s.inFlight,
        queueDepth: g.queueDepth,
        breakers: g.breakers,
        totals: {
          scheduled: s.totals.ok + s.totals.errors + s.totals.dropped,
          ok: s.totals.ok,
          errors: s.totals.errors,
          dropped: s.totals.dropped,
          costUsd: totalCost,
        },
        measured: measuredFigures(samples),
      };
      second = { cost: 0, tokens: 0, retries: 0 };
      thisSecond = [];
      lastTick = tick;
      return tick;
    },
    /** The run's last tick, after every request ended: the final measured figures. */
    final(): LiveTick | undefined {
      return lastTick ? { ...lastTick, measured: measuredFigures(samples), final: true } : undefined;
    },
  };
}

/** The measured window's figures, by the one metrics module. */
function measuredFigures(samples: readonly RequestSample[]): MeasuredFigures {
  const m = aggregate(samples);
  return {
    ok: m.ok,
    errors: m.errors,
    dropped: m.dropped,
    errorRate: m.errorRate,
    latencyMs: { p50: m.latency.p50, p95: m.latency.p95, p99: m.latency.p99 },
    ttftMs: { p50: m.ttft.p50, p95: m.ttft.p95 },
    costUsd: m.costUsd,
    costPer1k: m.costPer1k,
  };
}
