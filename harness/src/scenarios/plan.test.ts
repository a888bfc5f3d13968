import { describe, expect, it } from 'vitest';
import {
  arrivalOffsetMs,
  arrivalOffsets,
  describePlan,
  effectivePlan,
  k6StartOffsetMs,
  mixIndex,
} from '../../../scenarios/lib/plan.js';
import { parseScenario } from './load';
import { planScenario } from './plan';

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
  it('holds the mix proportions in every window of arrivals', () => {
    const weights = [500, 300, 150, 40, 10];
    const plan = { ...effectivePlan(scenario), weights };
    for (const [from, n] of [
      [0, 1000],
      [3_217, 1000],
      [50_000, 200],
    ] as const) {
      const counts = [0, 0, 0, 0, 0];
      for (let i = from; i < from + n; i++) {
        const j = mixIndex(plan, i);
        counts[j] = (counts[j] ?? 0) + 1;
      }
      counts.forEach((c, j) => {
        expect(Math.abs(c - ((weights[j] ?? 0) * n) / 1000)).toBeLessThanOrEqual(3);
      });
    }
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

  it('scales warm-up and fault windows with --duration and --rate', () => {
    const longer = effectivePlan(scenario, { durationMs: 60_000 });
    expect(longer.stages).toEqual([{ durationMs: 60_000, targetRpm: 600 }]);
    expect(longer.warmupMs).toBe(10_000);
    expect(longer.faults[0]).toMatchObject({ fromMs: 20_000, untilMs: 40_000 });
    const constant = effectivePlan(scenario, { rateRpm: 120, durationMs: 15_000 });
    expect(constant.startRpm).toBe(120);
    expect(constant.stages).toEqual([{ durationMs: 15_000, targetRpm: 120 }]);
    expect(constant.warmupMs).toBe(2_500);
    expect(constant.faults[0]).toMatchObject({ fromMs: 5_000, untilMs: 10_000 });
    expect(describePlan(constant)).toEqual([
      'stages: 120/m for 15s (scaled ×0.5)',
      'warm-up: 2500ms (excluded from every figure)',
      'fault: sse_drop on 50 % of streaming requests, 5s–10s',
    ]);
  });

  it('puts evenly spaced arrivals where the built-in schedule does (k6 computes them the same way)', () => {
    const ramp = parseScenario({ ...scenario, startRate: 60, stages: [{ duration: '20s', target: 600 }] });
    const plan = planScenario(ramp);
    plan.schedule.offsetsMs.forEach((t, i) => {
      expect(arrivalOffsetMs(plan.effective, i)).toBeCloseTo(t, 6);
    });
    expect(arrivalOffsetMs(plan.effective, plan.schedule.offsetsMs.length)).toBeUndefined();
  });

  it('draws Poisson arrivals once, in the plan module, for both engines (k6 paces each to its offset)', () => {
    const poisson = parseScenario({ ...scenario, poisson: true, seed: 9 });
    const plan = planScenario(poisson);
    const shared = arrivalOffsets(plan.effective);
    expect([...plan.schedule.offsetsMs]).toEqual(shared);
    // Not evenly spaced: the gaps vary as an exponential's do (mean 100 ms at 600 RPM).
    const gaps = shared.slice(1).map((t, i) => t - (shared[i] ?? 0));
    expect(Math.min(...gaps)).toBeLessThan(20);
    expect(Math.max(...gaps)).toBeGreaterThan(300);
    expect(shared).toEqual(arrivalOffsets({ ...plan.effective }));
    expect(arrivalOffsets({ ...plan.effective, seed: 10 })).not.toEqual(shared);
    shared.forEach((t, i) => {
      expect(k6StartOffsetMs(plan.effective, shared, i)).toBe(t);
    });
    // Evenly spaced, k6's ramping-arrival-rate (after its lead-in) starts arrival N 1/60 of an
    // interval after the plan's offset: 100 ms / 60 at 600 RPM.
    const even = planScenario(scenario);
    even.schedule.offsetsMs.forEach((t, i) => {
      expect(k6StartOffsetMs(even.effective, [], i) - t).toBeCloseTo(100 / 60, 6);
    });
    expect(describePlan(plan.effective)).toContain(
      'arrivals: Poisson (seed 9), the same instants on both engines',
    );
  });
});
