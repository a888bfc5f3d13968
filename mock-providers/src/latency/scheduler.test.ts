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

describe('shared stream scheduler under load', () => {
  it('hands the event loop back between slices of a long tick, and still runs every due wake-up in order', async () => {
    const ran: number[] = [];
    let ioTurns = 0;
    let ranWhenIoFirstRan = -1;
    const t = now();
    // 400 wake-ups due together, each busy for ~0.05 ms: ~20 ms of work, ten slices' worth
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 400; i++)
        wakeAt(t, () => {
          const until = now() + 0.05;
          while (now() < until);
          ran.push(i);
          if (i === 0)
            setImmediate(function io() {
              ioTurns++;
              if (ranWhenIoFirstRan < 0) ranWhenIoFirstRan = ran.length;
              if (ran.length < 400) setImmediate(io);
            });
          if (i === 399) resolve();
        });
    });
    expect(ran).toEqual(Array.from({ length: 400 }, (_, i) => i));
    // the loop got turns while the backlog was worked off, not only after it
    expect(ranWhenIoFirstRan).toBeGreaterThan(0);
    expect(ranWhenIoFirstRan).toBeLessThan(400);
    expect(ioTurns).toBeGreaterThan(2);
  });
});
