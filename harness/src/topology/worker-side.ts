/**
 * The worker thread's side of `harness-worker.ts`: the port, the worker's data, and the common
 * messages (flush, close) wired to what this worker must do for them.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { monitorLoopDelay } from '../runs/instrument/loop-delay';
import type { FromWorkerCommon, ToWorkerCommon } from './worker-messages';

/** This thread's link to the main thread. */
export interface WorkerSide<Data> {
  port: MessagePort;
  data: Data;
  announce(ready: unknown): void;
}

/**
 * Answer `flush` with `flushSpans` and `close` with `close` (then the main thread ends it); hand every
 * other message to `onMessage`. A start that throws is reported as `failed` before the thread ends.
 */
export function workerSide<Data, To>(handlers: {
  flushSpans(): Promise<void>;
  close(): Promise<void>;
  onMessage?(message: To): void;
}): WorkerSide<Data> {
  const port = parentPort;
  if (!port) throw new Error('this module runs only as a worker thread');
  const post = (m: FromWorkerCommon | { t: 'ready'; ready: unknown }) => port.postMessage(m);
  // this thread's own event-loop delay, for the runs' "Instrument error" section
  const loop = monitorLoopDelay((workerData as { name: string }).name);
  port.on('message', (m: ToWorkerCommon | To) => {
    const common = m as ToWorkerCommon;
    if (common.t === 'loop-mark') loop.reset();
    else if (common.t === 'loop-read') post({ t: 'loop', id: common.id, delay: loop.read() });
    else if (common.t === 'flush')
      void handlers.flushSpans().finally(() => post({ t: 'flushed', id: common.id }));
    else if (common.t === 'close')
      void handlers
        .close()
        .catch(() => {})
        // the main thread ends the thread on `closed`: everything posted before it has arrived
        .finally(() => {
          loop.stop();
          post({ t: 'closed' });
        });
    else handlers.onMessage?.(m as To);
  });
  return {
    port,
    data: (workerData as { data: Data }).data,
    announce: (ready) => post({ t: 'ready', ready }),
  };
}

/** Report a failed start to the main thread, which then ends the thread. */
export function failWorker(error: unknown): void {
  parentPort?.postMessage({
    t: 'failed',
    message: error instanceof Error ? error.message : String(error),
  } satisfies FromWorkerCommon);
}
