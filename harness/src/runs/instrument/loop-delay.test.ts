import { describe, expect, it } from 'vitest';
import { monitorLoopDelay } from './loop-delay';

describe('event-loop delay monitor', () => {
  it('reports a blocked loop as delay beyond the probe period, in ms', async () => {
    const m = monitorLoopDelay('test');
    // let the probe run, then block the loop for 60 ms of busy work
    await new Promise((r) => setTimeout(r, 30));
    const until = performance.now() + 60;
    while (performance.now() < until);
    await new Promise((r) => setTimeout(r, 30));
    const d = m.stop();
    expect(d.name).toBe('test');
    expect(d.samples).toBeGreaterThan(0);
    // the blocked stretch is in the max (at least the 60 ms block minus one probe period)
    expect(d.max).toBeGreaterThanOrEqual(45);
    expect(d.p50).toBeGreaterThanOrEqual(0);
    // 60 ms of busy work inside the window: the process used CPU
    expect(d.cpuCores).toBeGreaterThan(0);
    expect(d.machineLoad).toBeGreaterThanOrEqual(0);
  });
});
