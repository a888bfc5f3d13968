import { describe, expect, it } from 'vitest';
import type { LiveTick } from '../contracts/live';
import { createRunSecondsWriter, RUN_SECONDS_BATCH, type RunSecondRow } from './run-seconds-writer';

const tick = (t: number, over: Partial<LiveTick> = {}) =>
  ({
    runId: 'r1',
    t,
    warmup: t < 2,
    targetRpm: 600,
    achievedRpm: 540,
    inFlight: 7,
    queueDepth: 2,
    ...over,
  }) as LiveTick;

describe('run seconds writer', () => {
  it('stores each tick’s target, in-flight and queue depth in batches, the final tick once', async () => {
    const written: RunSecondRow[][] = [];
    const w = createRunSecondsWriter(async (rows) => {
      written.push(rows);
    });
    for (let t = 0; t < RUN_SECONDS_BATCH; t++) w.record(tick(t));
    await w.flush(); // the batch went out when it filled; nothing left
    w.record(tick(RUN_SECONDS_BATCH));
    w.record(tick(RUN_SECONDS_BATCH, { final: true }));
    await w.flush();
    expect(written.map((b) => b.length)).toEqual([RUN_SECONDS_BATCH, 1]);
    expect(written[0]?.[0]).toEqual({
      run_id: 'r1',
      t: 0,
      warmup: 1,
      target_rpm: 600,
      achieved_rpm: 540,
      in_flight: 7,
      queue_depth: 2,
    });
  });

  it('keeps the rows of a failed insert and writes them with the next flush', async () => {
    let down = true;
    const written: number[] = [];
    const w = createRunSecondsWriter(async (rows) => {
      if (down) throw new Error('store down');
      written.push(...rows.map((r) => r.t));
    });
    w.record(tick(0));
    w.record(tick(1));
    await w.flush();
    expect(w.pending()).toBe(2);
    down = false;
    w.record(tick(2));
    await w.flush();
    expect(written).toEqual([0, 1, 2]);
    expect(w.pending()).toBe(0);
  });
});
