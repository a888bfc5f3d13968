import { describe, expect, it } from 'vitest';
import { runOpenModel } from './executor';
import { constantSchedule } from './schedule';
import type { Accounting } from './types';
import { createVirtualClock } from './virtual-clock';

const sum = (a: Accounting) => a.ok + a.errors + a.dropped + a.inFlightAtStop + a.notStarted;

// Every test runs on a virtual clock: what is late, dropped or in flight is decided by the
// schedule and the senders' (virtual) durations, never by how this machine's timers fired.
describe('runOpenModel (in-process sender)', () => {
  it('sends every request on schedule and balances the books', async () => {
    const clock = createVirtualClock();
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 100,
      clock,
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
    expect(s.lateness.max).toBe(0);
    expect(s.achievedRpm).toBe(6_000);
    expect(s.perStage[0]?.sent).toBe(100);
  });

  it('measures latency from the scheduled start with the sender’s own duration', async () => {
    const clock = createVirtualClock();
    const s = await runOpenModel({
      schedule: constantSchedule(600, 1_000),
      maxInFlight: 100,
      clock,
      send: async ({ index }) => {
        await clock.sleep(index % 2 === 0 ? 40 : 90);
        return { status: 'ok', ttftMs: 15 };
      },
    });
    expect(s.latency.count).toBe(10);
    expect(s.latency.min).toBe(40);
    expect(s.latency.max).toBe(90);
    expect(s.ttft.max).toBe(15);
  });

  it('classifies thrown errors and sender error outcomes', async () => {
    const s = await runOpenModel({
      schedule: constantSchedule(60_000, 100),
      maxInFlight: 1_000,
      clock: createVirtualClock(),
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
    const clock = createVirtualClock();
    const s = await runOpenModel({
      schedule: constantSchedule(60_000, 200), // one request per ms
      maxInFlight: 5,
      clock,
      send: async () => {
        await clock.sleep(50);
        return { status: 'ok' };
      },
    });
    // each slot frees 50 ms after it was taken: 5 sends per 50 ms, the other 45 dropped
    expect(s.totals.ok).toBe(20);
    expect(s.totals.dropped).toBe(180);
    expect(sum(s.totals)).toBe(200);
  });

  it('tags warm-up requests and keeps them out of the results', async () => {
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 100,
      warmupMs: 300,
      clock: createVirtualClock(),
      send: async () => ({ status: 'ok' }),
    });
    expect(s.records.filter((r) => r.warmup)).toHaveLength(30);
    expect(s.measured.scheduled).toBe(70);
    expect(s.measured.ok).toBe(70);
    expect(s.latency.count).toBe(70);
  });

  it('reports not-started and in-flight requests after an abort with no grace', async () => {
    const clock = createVirtualClock();
    const ac = new AbortController();
    clock.after(245, () => ac.abort());
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 1_000,
      gracefulStopMs: 0,
      signal: ac.signal,
      clock,
      send: ({ signal }) =>
        new Promise((resolve) => signal.addEventListener('abort', () => resolve({ status: 'ok' }))),
    });
    expect(s.aborted).toBe(true);
    // requests at 0, 10, …, 240 ms were sent; the abort at 245 ms stops the other 75
    expect(s.totals.inFlightAtStop).toBe(25);
    expect(s.totals.notStarted).toBe(75);
    expect(s.totals.ok).toBe(0);
    expect(sum(s.totals)).toBe(100);
    expect(sum(s.measured)).toBe(s.measured.scheduled);
  });

  it('reports progress once a (virtual) second', async () => {
    const clock = createVirtualClock();
    const ticks: number[] = [];
    await runOpenModel({
      schedule: constantSchedule(600, 3_500),
      maxInFlight: 10,
      clock,
      onTick: (t) => ticks.push(t.elapsedMs),
      send: async () => ({ status: 'ok' }),
    });
    expect(ticks).toEqual([1_000, 2_000, 3_000]);
  });
});
