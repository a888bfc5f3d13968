import { describe, expect, it } from 'vitest';
import { cancelWakeup, wakeAt } from './scheduler';
import { now } from './sleep';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('shared stream scheduler', () => {
  it('runs wake-ups by deadline, first scheduled first on a tie, and skips cancelled ones', async () => {
    const order: string[] = [];
    const t = now();
    wakeAt(t + 20, () => order.push('c'));
    wakeAt(t + 5, () => order.push('a'));
    const gone = wakeAt(t + 10, () => order.push('cancelled'));
    wakeAt(t + 10, () => order.push('b1'));
    wakeAt(t + 10, () => order.push('b2'));
    cancelWakeup(gone);
    await settle(40);
    expect(order).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('never runs before its deadline', async () => {
    const t = now();
    const ran = await new Promise<number>((resolve) => wakeAt(t + 15, () => resolve(now())));
    expect(ran).toBeGreaterThanOrEqual(t + 15 - 0.25);
  });

  it('a wake-up scheduled while a tick runs waits for the next tick, so I/O callbacks get a turn', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      wakeAt(now(), () => {
        order.push('first');
        // already due: a process that is behind schedules its next chunk in the past
        wakeAt(now() - 5, () => {
          order.push('next');
          resolve();
        });
        setImmediate(() => order.push('io'));
      });
    });
    expect(order).toEqual(['first', 'io', 'next']);
  });
});
