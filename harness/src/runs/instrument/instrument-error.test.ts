import { describe, expect, it } from 'vitest';
import { type ComparedRequest, instrumentError, unreliableReasons } from './instrument-error';
import type { LoopDelay } from './loop-delay';

const loop: LoopDelay = {
  name: 'harness',
  samples: 10,
  p50: 0.1,
  p99: 1,
  max: 2,
  mean: 0.2,
  cpuCores: 0.5,
  machineLoad: 1,
};
const req = (over: Partial<ComparedRequest>): ComparedRequest => ({
  stream: true,
  clientTtftMs: 105,
  clientE2eMs: 510,
  mockFirstByteMs: 101,
  mockDurationMs: 500,
  mockDesignedMs: 100,
  ...over,
});

describe('instrument error', () => {
  it('subtracts the ground truth per request and keeps each quantity to the requests that have it', () => {
    const i = instrumentError(
      [req({}), req({ stream: false, mockDesignedMs: null, clientE2eMs: 305, mockDurationMs: 300 })],
      [loop],
      1.2,
    );
    expect(i.compared).toBe(2);
    // the stream's first-token error (4) and the non-streamed answer's e2e error (5): its TTFT is its e2e
    expect(i.ttftError).toMatchObject({ count: 2, min: 4, max: 5 });
    expect(i.e2eError).toMatchObject({ count: 2, min: 5, max: 10 });
    expect(i.mockLateness).toMatchObject({ count: 1, p50: 1 });
    expect(i.loops).toEqual([loop]);
    expect(i).toMatchObject({ unreliable: false, reasons: [] });
  });

  it('flags a run with every limit it crosses, naming the figure', () => {
    expect(unreliableReasons(5, 10)).toEqual([]);
    expect(unreliableReasons(6.25, 10.5)).toEqual([
      'schedule lateness p99 6.3 ms > 5 ms',
      'TTFT error p99 10.5 ms > 10 ms',
    ]);
    const i = instrumentError([req({ clientTtftMs: 150 })], [], 0);
    expect(i.unreliable).toBe(true);
    expect(i.reasons).toEqual(['TTFT error p99 49.0 ms > 10 ms']);
  });

  it('judges a stream by its first token, not by the lag summed over its chunks; a non-streamed answer by its e2e', () => {
    // a stream whose last chunk arrived 30 ms after the mock sent it, its first token on time
    expect(instrumentError([req({ clientE2eMs: 530 })], [], 0)).toMatchObject({
      unreliable: false,
      reasons: [],
    });
    // a direct answer 30 ms late is a TTFT 30 ms late
    const direct = req({ stream: false, clientTtftMs: 330, clientE2eMs: 330, mockDurationMs: 300 });
    expect(instrumentError([direct], [], 0).reasons).toEqual(['TTFT error p99 30.0 ms > 10 ms']);
  });

  it('is reliable-by-default only on lateness when nothing could be compared', () => {
    const i = instrumentError([], [], 7);
    expect(i.ttftError.count).toBe(0);
    expect(i.reasons).toEqual(['schedule lateness p99 7.0 ms > 5 ms']);
  });
});
