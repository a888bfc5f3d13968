import type { LiveTick } from '../contracts/live';
import type { TickSnapshot } from '../driver/executor';
import type { DriverRecord } from '../driver/types';
import type { ClientGauges } from './run-manager';

/**
 * Turns the driver's once-a-second snapshot into the dashboard's live tick, adding what the
 * snapshot lacks (cost, tokens and retries of the requests that finished this second, totals) and
 * the client's gauges (queue depth, breaker states).
 */
export function createLiveTicker(runId: string, gauges: ClientGauges) {
  let second = { cost: 0, tokens: 0, retries: 0 };
  let totalCost = 0;
  let lastElapsed = 0;
  return {
    record(r: DriverRecord): void {
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
      };
      second = { cost: 0, tokens: 0, retries: 0 };
      return tick;
    },
  };
}
