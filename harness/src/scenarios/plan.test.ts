import { describe, expect, it } from 'vitest';
import { parseScenario } from './load';
import { assignMix, planScenario, stagesOf } from './plan';

const scenario = parseScenario({
  name: 'mixed',
  description: 'mixed patterns with a fault window',
  mix: [
    { pattern: 'direct', weight: 3, provider: 'openai', model: 'gpt-4o-mini' },
    { pattern: 'streaming', weight: 1, provider: 'openai', model: 'gpt-4o', maxTokens: 512 },
  ],
  faults: [{ kind: 'sse_drop', probability: 0.5, pattern: 'streaming', from: '10s', until: '20s' }],
  startRate: 600,
  stages: [{ duration: '30s', target: 600 }],
  warmup: '5s',
});

describe('planScenario', () => {
  it('splits the mix by weight exactly over any window', () => {
    const mix = assignMix([500, 300, 150, 40, 10], 1000);
    const counts = [0, 0, 0, 0, 0];
    for (const i of mix) counts[i] = (counts[i] ?? 0) + 1;
    expect(counts).toEqual([500, 300, 150, 40, 10]);
  });

  it('forces the fault only on its pattern inside its window, the same way every time', () => {
    const plan = planScenario(scenario);
    expect(plan.schedule.offsetsMs.length).toBe(300);
    expect(plan.warmupMs).toBe(5000);
    const faulted = [...plan.schedule.offsetsMs.keys()].filter(
      (i) => plan.callFor(i).headers?.['x-mock-fault'],
    );
    for (const i of faulted) {
      expect(plan.callFor(i).pattern).toBe('streaming');
      const t = plan.schedule.offsetsMs[i] ?? 0;
      expect(t >= 10_000 && t < 20_000).toBe(true);
    }
    // 25 streaming requests in the window, half of them faulted (binomial, wide bounds).
    expect(faulted.length).toBeGreaterThan(5);
    expect(faulted.length).toBeLessThan(21);
    expect(planScenario(scenario).callFor(faulted[0] ?? 0).headers).toEqual({ 'x-mock-fault': 'sse_drop' });
  });

  it('applies --rate and --duration overrides', () => {
    expect(stagesOf(scenario, { rateRpm: 120, durationMs: 60_000 })).toEqual({
      startRpm: 120,
      stages: [{ durationMs: 60_000, targetRpm: 120 }],
    });
    expect(stagesOf(scenario, { durationMs: 60_000 }).stages[0]?.durationMs).toBe(60_000);
  });
});
