/**
 * Every failure scenario reproduces its failure when run short: stretched with `--duration` (and a
 * higher `--rate` where the wave is brief), its warm-up and fault windows scale with it, so the error
 * class it exists to show reaches the client. The mock runs faster (small timeScale) where the
 * failure does not depend on real time; `stalls` keeps stalls longer than its 10 s idle timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../harness/src/scenarios/load';
import { planScenario } from '../harness/src/scenarios/plan';
import { getJson, post, startTestStack, waitForRunEnd } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

const CASES = [
  // The limiter drains in wall-clock time (~10 s at 6x its limit), whatever the time scale.
  { name: 'rate-limit-storm', cls: 'rate_limit', duration: '20s', timeScale: 0.05 },
  { name: 'overloaded-burst-fallback', cls: 'overloaded', duration: '12s', timeScale: 0.05 },
  { name: 'sse-drop-wave', cls: 'sse_drop', duration: '12s', rate: '600/m', timeScale: 0.05 },
  { name: 'stalls', cls: 'sse_stall', duration: '8s', rate: '600/m', timeScale: 0.5 },
  // A forced batch fault hits the job its request leads. Which requests lead a job depends on when
  // the aggregator's wall-clock window closes (fewer, bigger jobs on a busy box), so here every
  // request is its own job: each forced arrival leads one, whatever the timing.
  {
    name: 'batch-partial',
    cls: 'batch_item_failure',
    duration: '30s',
    rate: '300/m',
    timeScale: 0.05,
    batchAggregation: { maxItems: 1, maxWaitMs: 1 },
  },
] as const;

describe('failure scenarios reproduce their failure when run short', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  for (const c of CASES) {
    it(`${c.name} shows ${c.cls} at --duration ${c.duration}`, async () => {
      const s = await loadScenario(c.name);
      const forced = (s.faults ?? []).length > 0;
      if (forced) {
        // The plan forces the fault inside the stretched window (deterministic for the seed).
        const plan = planScenario(s, {
          durationMs: Number.parseInt(c.duration, 10) * 1000,
          ...('rate' in c ? { rateRpm: Number.parseInt(c.rate, 10) } : {}),
        });
        const faulted = [...plan.schedule.offsetsMs.keys()].filter(
          (i) => plan.callFor(i).headers?.['x-mock-fault'],
        );
        expect(faulted.length, 'arrivals the plan forces a fault on').toBeGreaterThan(0);
      }
      const definition = {
        ...s,
        mock: { ...s.mock, timeScale: c.timeScale },
        ...('batchAggregation' in c ? { client: { ...s.client, batchAggregation: c.batchAggregation } } : {}),
      };
      const started = await post(`${stack.url}/api/runs`, {
        definition,
        duration: c.duration,
        ...('rate' in c ? { rate: c.rate } : {}),
      });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      const run = await waitForRunEnd(stack, started.body.runId, 150_000);
      expect(run.status, JSON.stringify(run.summary?.error)).not.toBe('failed');
      // Client attempts land in the store through the span pipeline: wait until they are there.
      const deadline = Date.now() + 30_000;
      let seen = 0;
      while (seen === 0 && Date.now() < deadline) {
        await stack.spans.flush();
        const report = await getJson(`${stack.url}/api/runs/${started.body.runId}/report`);
        seen = (report.errorsByClass?.[c.cls] ?? 0) + (report.fidelity?.observed?.[c.cls] ?? 0);
        if (seen === 0) await new Promise((res) => setTimeout(res, 500));
      }
      expect(
        seen,
        `${c.cls} ${'injected' in c ? 'injected by the mock' : 'observed by the client'}`,
      ).toBeGreaterThan(0);
    }, 200_000);
  }
});
