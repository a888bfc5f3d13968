import { describe, expect, it } from 'vitest';
import { runOpenModel } from './executor';
import { constantSchedule } from './schedule';
import type { Accounting, Outcome } from './types';

const sum = (a: Accounting) => a.ok + a.errors + a.dropped + a.inFlightAtStop + a.notStarted;
const after = (ms: number, outcome: Outcome) => new Promise<Outcome>((r) => setTimeout(() => r(outcome), ms));

describe('runOpenModel (in-process sender)', () => {
  it('sends every request on schedule and balances the books', async () => {
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 100,
      send: async () => ({ status: 'ok' }),
    });
    expect(s.totals).toEqual({
      scheduled: 100,
      ok: 100,
      errors: 0,
      dropped: 0,
      inFlightAtStop: 0,
      notStarted: 0,
    });
    expect(s.lateness.p99).toBeLessThan(5);
    expect(s.achievedRpm).toBeCloseTo(6_000, -1);
    expect(s.perStage[0]?.sent).toBe(100);
  });

  it('classifies thrown errors and sender error outcomes', async () => {
    const s = await runOpenModel({
      schedule: constantSchedule(60_000, 100),
      maxInFlight: 1_000,
      send: async ({ index }) => {
        if (index % 3 === 0) throw new Error('boom');
        return index % 3 === 1 ? { status: 'error', errorClass: 'rate_limit' } : { status: 'ok', ttftMs: 5 };
      },
    });
    expect(s.errorsByClass).toEqual({ exception: 34, rate_limit: 33 });
    expect(s.measured.ok).toBe(33);
    expect(sum(s.totals)).toBe(s.totals.scheduled);
    expect(s.ttft.count).toBe(33);
  });

  it('drops requests due while the in-flight cap is hit', async () => {
    const s = await runOpenModel({
      schedule: constantSchedule(60_000, 200), // one request per ms
      maxInFlight: 5,
      send: () => after(50, { status: 'ok' }),
    });
    expect(s.totals.dropped).toBeGreaterThan(100);
    expect(s.totals.ok).toBeGreaterThanOrEqual(5);
    expect(sum(s.totals)).toBe(200);
  });

  it('tags warm-up requests and keeps them out of the results', async () => {
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 100,
      warmupMs: 300,
      send: async () => ({ status: 'ok' }),
    });
    expect(s.records.filter((r) => r.warmup)).toHaveLength(30);
    expect(s.measured.scheduled).toBe(70);
    expect(s.measured.ok).toBe(70);
    expect(s.latency.count).toBe(70);
  });

  it('reports not-started and in-flight requests after an abort with no grace', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 250);
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 1_000,
      gracefulStopMs: 0,
      signal: ac.signal,
      send: ({ signal }) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve({ status: 'ok' }))),
    });
    expect(s.aborted).toBe(true);
    expect(s.totals.inFlightAtStop).toBeGreaterThan(20);
    expect(s.totals.notStarted).toBeGreaterThan(60);
    expect(s.totals.ok).toBe(0);
    expect(sum(s.totals)).toBe(100);
    expect(sum(s.measured)).toBe(s.measured.scheduled);
  });
});
