import type { LiveTick, MeasuredFigures } from '../contracts/live';
import type { TickSnapshot } from '../driver/executor';
import type { DriverRecord } from '../driver/types';
import { aggregate } from '../metrics/aggregate';
import { type RequestSample, samplesFromRecords } from '../metrics/request-sample';
import type { ClientGauges } from './client-gauges';

/**
 * Turns the driver's once-a-second snapshot into the dashboard's live tick, adding what the
 * snapshot lacks (cost, tokens and retries of the requests that finished this second, totals) and
 * the client's gauges (queue depth, breaker states).
 */
export function createLiveTicker(runId: string, gauges: ClientGauges, patternOf: (index: number) => string) {
  let second = { cost: 0, tokens: 0, retries: 0 };
  let totalCost = 0;
  let lastElapsed = 0;
  let lastTick: LiveTick | undefined;
  const samples: RequestSample[] = [];
  return {
    record(r: DriverRecord): void {
      samples.push(...samplesFromRecords([r], patternOf));
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
        t: Math.round(s.elapsedMs / 1000),
        warmup: last.warmup,
        targetRpm: last.requested * 60,
        achievedRpm: last.achieved * 60,
        ok: last.ok,
        errorsByClass: last.errors,
        dropped: last.dropped,
        latencyMs: { p50: last.latency.p50, p95: last.latency.p95, p99: last.latency.p99 },
        ttftMs: { p50: last.ttft.p50, p95: last.ttft.p95 },
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
