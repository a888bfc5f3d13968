/**
 * Run a scenario's driver in its own worker thread (`HARNESS_DRIVER_THREAD=1`): the schedule fires
 * on a loop that does nothing else. Same contract as `runScenario`, plus what a crash needs: the
 * indexes that were sent, so the caller can account for every one of them.
 */
import { Worker } from 'node:worker_threads';
import type { TickSnapshot } from '../driver/executor';
import type { DriverRecord } from '../driver/types';
import type { LoopDelay } from '../runs/instrument/loop-delay';
import type { ScenarioRunResult } from '../scenarios/run';
import type { DriverJob, FromDriver, ToDriver } from './driver-messages';

/** The main thread's hold on one driver thread. */
export interface DriverThread {
  result: Promise<ScenarioRunResult>;
  stop(): void;
  /** Make the thread crash (tests of the crash path). */
  crash(): void;
}

/** Callbacks, called on the main thread in the order the driver thread produced them. */
export interface DriverThreadHooks {
  onSent(index: number): void;
  onRecord(record: DriverRecord): void;
  onTick(snapshot: TickSnapshot): void;
  /** The thread's own event-loop delay over the measured window, once the run ended. */
  onLoop?(delay: LoopDelay): void;
}

/** Error of a run whose driver thread died: the run fails with this reason. */
export class DriverThreadCrashed extends Error {}

const BOOT = new URL('./ts-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./driver-worker.ts', import.meta.url).href;

/** Start the driver thread for one run. */
export function startDriverThread(job: DriverJob, hooks: DriverThreadHooks): DriverThread {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, job }, transferList: job.invokePorts ?? [] });
  const send = (m: ToDriver) => worker.postMessage(m);
  const result = new Promise<ScenarioRunResult>((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    worker.on('message', (m: FromDriver) => {
      if (m.t === 'sent') hooks.onSent(m.index);
      else if (m.t === 'record') hooks.onRecord(m.record);
      else if (m.t === 'tick') hooks.onTick(m.snapshot);
      else if (m.t === 'done') {
        hooks.onLoop?.(m.loop);
        settled = true;
        resolve(m.result);
      } else fail(new Error(m.message));
    });
    // Settle a crash only at 'exit': every message the thread sent is emitted before it, so the
    // verdicts it managed to send are counted once and the rest are known to be missing.
    let crash: string | undefined;
    worker.on('error', (e) => {
      crash = `driver thread crashed: ${e.message}`;
    });
    worker.on('exit', (code) =>
      fail(new DriverThreadCrashed(crash ?? `driver thread exited (code ${code}) before the run ended`)),
    );
  });
  return { result, stop: () => send({ t: 'stop' }), crash: () => send({ t: 'crash' }) };
}
