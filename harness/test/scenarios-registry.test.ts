import { describe, expect, it } from 'vitest';
import { loadRegistry, loadScenario, loadScenarios } from '../src/scenarios/load';
import { planScenario } from '../src/scenarios/plan';

interface K6Plan {
  k6Options(s: unknown): {
    scenarios: Record<string, { startRate: number; timeUnit: string; stages: { target: number }[] }>;
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

  it('splits k6 arrival rates by weight so the executors add up to the scenario rate', async () => {
    const raw = await loadRegistry();
    for (const [name, s] of Object.entries(raw)) {
      const { scenarios } = k6Plan.k6Options(s);
      const perMinute = Object.values(scenarios).map(
        (e) => (e.stages.at(-1)?.target ?? 0) / (e.timeUnit === '1h' ? 60 : 1),
      );
      const total = perMinute.reduce((a, b) => a + b, 0);
      const expected = (s as { stages: { target: number }[] }).stages.at(-1)?.target ?? 0;
      expect(Math.abs(total - expected), name).toBeLessThanOrEqual(Math.max(1, expected * 0.02));
    }
  });
});
