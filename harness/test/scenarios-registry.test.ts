import { describe, expect, it } from 'vitest';
import { effectivePlan, parseDuration } from '../../scenarios/lib/plan.js';
import { loadScenario, loadScenarios } from '../src/scenarios/load';
import { planScenario } from '../src/scenarios/plan';

interface K6Plan {
  k6Options(
    plan: unknown,
    s: { maxInFlight: number },
    opts?: { maxVUs?: number; arrivals?: number },
  ): {
    scenarios: Record<
      string,
      {
        executor: string;
        startRate: number;
        timeUnit: string;
        stages: { duration: string; target: number }[];
        vus?: number;
        iterations?: number;
        maxDuration?: string;
      }
    >;
  };
}
const k6Plan = (await import(new URL('../../scenarios/k6/plan.js', import.meta.url).href)) as K6Plan;

const REQUIRED = [
  'direct-ramp',
  'streaming-ramp',
  'batch-ramp',
  'rag-ramp',
  'agent-ramp',
  'collapse-10-to-1000',
  'rate-limit-storm',
  'overloaded-burst-fallback',
  'sse-drop-wave',
  'stalls',
  'batch-partial',
  'pooling-on',
  'pooling-off',
  'routing',
  'caching',
  'backpressure',
  'production-mix',
  'smoke',
];

describe('scenarios/index.js', () => {
  it('registers every scenario and each one validates against the schema', async () => {
    const all = await loadScenarios();
    expect(Object.keys(all).sort()).toEqual([...REQUIRED].sort());
    for (const s of Object.values(all)) expect(() => planScenario(s)).not.toThrow();
  });

  it('names the valid scenarios when asked for an unknown one', async () => {
    await expect(loadScenario('nope')).rejects.toThrow(
      /unknown scenario "nope": valid names are agent-ramp, .*smoke/,
    );
  });

  it('runs the production mix at ≈694 RPM in the seed proportions', async () => {
    const s = await loadScenario('production-mix');
    const plan = planScenario(s, { rateRpm: 694, durationMs: 60_000 });
    const n = plan.schedule.offsetsMs.length;
    expect(Math.abs(n - 694)).toBeLessThanOrEqual(4 * Math.sqrt(694));
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) counts[plan.callFor(i).pattern] = (counts[plan.callFor(i).pattern] ?? 0) + 1;
    expect((counts.direct ?? 0) / n).toBeCloseTo(0.5, 2);
    expect((counts.agent ?? 0) / n).toBeCloseTo(0.01, 2);
    expect(s.expectedCostPerDay).toBe(1750);
  });

  it('smoke is short: 60 RPM for 20 s', async () => {
    const plan = planScenario(await loadScenario('smoke'));
    expect(plan.schedule.durationMs).toBe(20_000);
    expect(plan.schedule.offsetsMs.length).toBe(20);
  });

  it('gives k6 one arrival-rate executor with the plan rates and durations, stretched or not', async () => {
    for (const s of Object.values(await loadScenarios())) {
      if (s.poisson) continue; // paced by the script: next test
      for (const overrides of [{}, { durationMs: 30_000 }, { rateRpm: 60, durationMs: 30_000 }]) {
        const plan = effectivePlan(s, overrides);
        const { scenarios } = k6Plan.k6Options(plan, s);
        expect(Object.keys(scenarios)).toEqual(['load']);
        const load = scenarios.load;
        const per = load?.timeUnit === '1h' ? 60 : 1;
        // The lead-in (1 s at 59/min), then a jump to the plan's start rate and its stages.
        expect(load?.startRate).toBe(59 * per);
        expect(load?.stages.slice(0, 2)).toEqual([
          { duration: '1s', target: 59 * per },
          { duration: '0s', target: Math.round(plan.startRpm * per) },
        ]);
        load?.stages.slice(2).forEach((st, i) => {
          expect(st.target / per, s.name).toBeCloseTo(plan.stages[i]?.targetRpm ?? -1, 1);
          expect(Math.abs(parseDuration(st.duration) - (plan.stages[i]?.durationMs ?? -1))).toBeLessThan(1);
        });
      }
    }
  });

  it('gives k6 an iteration per arrival of a Poisson plan, within the VU cap', async () => {
    const s = await loadScenario('production-mix');
    for (const overrides of [{}, { rateRpm: 60, durationMs: 30_000 }]) {
      const plan = effectivePlan(s, overrides);
      const arrivals = planScenario(s, overrides).schedule.offsetsMs.length;
      const load = k6Plan.k6Options(plan, s, { arrivals }).scenarios.load;
      expect(load).toMatchObject({ executor: 'shared-iterations', exec: 'arrival', iterations: arrivals });
      expect(parseDuration(load?.maxDuration ?? '')).toBe(1000 + plan.durationMs);
      // 20 s of peak arrivals (as the arrival-rate executor pre-allocates), an explicit --vus whole.
      expect(load?.vus).toBe(
        Math.ceil((Math.max(plan.startRpm, ...plan.stages.map((x) => x.targetRpm)) / 60) * 20),
      );
      expect(k6Plan.k6Options(plan, s, { arrivals, maxVUs: 7 }).scenarios.load?.vus).toBe(7);
    }
  });
});
