import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Event-loop delay of one process or worker over a run's measured window, ms. */
export interface LoopDelay {
  /** Which loop: `harness` (the main process), or a worker's name. */
  name: string;
  samples: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  /**
   * CPU this process used over the same window, in cores (user + system / wall; a worker reports
   * its process's). Beside the delay it tells a loop busy with its own work (near 1) from one
   * starved by other work on the machine (low CPU, high delay).
   */
  cpuCores: number;
  /** The machine's 1-minute load average at the end (0 where the OS has none). */
  machineLoad: number;
}

/**
 * Sampling resolution of the monitor, ms. A delay is how late a `resolution`-ms timer fired, so
 * this bounds how often the loop is probed (the probe itself costs one timer per period).
 */
export const LOOP_DELAY_RESOLUTION_MS = 10;

/** A running event-loop delay monitor of this thread. */
export interface LoopDelayMonitor {
  /** Forget what was seen so far (the warm-up ends). */
  reset(): void;
  /** Read the distribution since the last reset, and keep watching. */
  read(): LoopDelay;
  /** Stop and read the distribution. */
  stop(): LoopDelay;
}

/**
 * Start `perf_hooks.monitorEventLoopDelay` on the calling thread: how late the loop ran a timer,
 * i.e. how late any timestamp taken on this loop (a send, a first byte) can be.
 */
export function monitorLoopDelay(name: string): LoopDelayMonitor {
  const h = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  h.enable();
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  // The histogram holds the time between the probe timer's runs, i.e. the resolution plus the delay.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
  return {
    reset() {
      h.reset();
      cpu0 = process.cpuUsage();
      t0 = performance.now();
    },
    stop() {
      h.disable();
      return this.read();
    },
    read() {
      const cpu = process.cpuUsage(cpu0);
      const wallMs = performance.now() - t0;
      const n = h.count;
      return {
        name,
        samples: n,
        p50: n ? ms(h.percentile(50)) : null,
        p99: n ? ms(h.percentile(99)) : null,
        max: n ? ms(h.max) : null,
        mean: n ? ms(h.mean) : null,
        cpuCores: wallMs > 0 ? (cpu.user + cpu.system) / 1000 / wallMs : 0,
        machineLoad: loadavg()[0] ?? 0,
      };
    },
  };
}
