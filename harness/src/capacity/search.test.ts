import { describe, expect, it } from 'vitest';
import type { RunReport } from '../runs/report/report-data';
import { type CapacityStep, searchCapacity, stepVerdict } from './search';

const step = (rpm: number, reliable: boolean): CapacityStep => ({
  rpm,
  runId: `r${rpm}`,
  reliable,
  reasons: reliable ? [] : ['TTFT error p99 12.0 ms > 10 ms'],
  latenessP99: 1,
  ttftErrorP99: reliable ? 2 : 12,
  e2eErrorP99: 3,
});

describe('capacity search', () => {
  it('steps up by the factor and keeps the last reliable rate before the first unreliable one', async () => {
    const asked: number[] = [];
    const r = await searchCapacity({ fromRpm: 250, factor: 2, maxRpm: 16_000 }, async (rpm) => {
      asked.push(rpm);
      return step(rpm, rpm < 2000);
    });
    expect(asked).toEqual([250, 500, 1000, 2000]);
    expect(r.ceilingRpm).toBe(1000);
    expect(r.steps.map((s) => s.reliable)).toEqual([true, true, true, false]);
  });

  it('answers null when the first step is already unreliable, and stops at the max', async () => {
    expect(
      (await searchCapacity({ fromRpm: 100, factor: 2, maxRpm: 1000 }, async (rpm) => step(rpm, false)))
        .ceilingRpm,
    ).toBeNull();
    const all = await searchCapacity({ fromRpm: 100, factor: 3, maxRpm: 1000 }, async (rpm) =>
      step(rpm, true),
    );
    expect(all.steps.map((s) => s.rpm)).toEqual([100, 300, 900]);
    expect(all.ceilingRpm).toBe(900);
  });

  it('refuses a factor that would never step up', async () => {
    await expect(
      searchCapacity({ fromRpm: 100, factor: 1, maxRpm: 1000 }, async (rpm) => step(rpm, true)),
    ).rejects.toThrow(/--factor must be above 1/);
  });

  it('judges a step by the run: completed at the rate, nothing dropped, instrument error within limits', () => {
    const instrument = {
      compared: 10,
      ttftError: { count: 5, min: 1, max: 4, avg: 2, p50: 2, p90: 3, p95: 3, p99: 4 },
      e2eError: { count: 10, min: 1, max: 4, avg: 2, p50: 2, p90: 3, p95: 3, p99: 4 },
      mockLateness: { count: 10, min: 0, max: 1, avg: 0, p50: 0, p90: 1, p95: 1, p99: 1 },
      loops: [],
      unreliable: false,
      reasons: [],
    };
    const report = {
      runId: 'r1',
      status: 'completed',
      requestedRpm: 1000,
      achievedRpm: 999.5,
      accounting: { dropped: 0 },
      lateness: { p50: 0.1, p99: 1.2, max: 3, unreliable: false },
      instrument,
    } as unknown as RunReport;
    expect(stepVerdict(1000, report)).toMatchObject({
      reliable: true,
      reasons: [],
      ttftErrorP99: 4,
      e2eErrorP99: 4,
    });
    const bad = {
      ...report,
      achievedRpm: 900,
      accounting: { dropped: 3 },
      instrument: { ...instrument, unreliable: true, reasons: ['schedule lateness p99 9.0 ms > 5 ms'] },
    } as unknown as RunReport;
    expect(stepVerdict(1000, bad).reasons).toEqual([
      'achieved 900 of 1000 RPM',
      '3 requests dropped (in-flight cap)',
      'schedule lateness p99 9.0 ms > 5 ms',
    ]);
    expect(stepVerdict(1000, { ...report, instrument: null } as unknown as RunReport).reasons).toEqual([
      'instrument error not measured',
    ]);
  });
});
