/**
 * The main thread's hold on one harness worker thread (the mock, a client worker): its spans go to
 * the one span writer, `flush` pulls every span the worker still buffers, `close` shuts it down
 * cleanly, and a worker that dies unasked is reported once with its reason.
 */
import { type TransferListItem, Worker } from 'node:worker_threads';
import type { LoopDelay } from '../runs/instrument/loop-delay';
import type { SpanSink } from '../store/span-sink';
import type { FromWorkerCommon, ToWorkerCommon } from './worker-messages';

const BOOT = new URL('./ts-worker-boot.mjs', import.meta.url);

/** A started worker thread. */
export interface HarnessWorker<Ready, To> {
  /** What the worker announced once it was ready (e.g. its URL); rejects if it failed to start. */
  ready: Promise<Ready>;
  /** `transfer`: ports (or buffers) the message hands over to the worker. */
  post(message: To, transfer?: readonly TransferListItem[]): void;
  /** Resolves once every span the worker had buffered is in the span writer's queue. */
  flush(): Promise<void>;
  /** Stop the worker (flushing its spans first); resolves when the thread has exited. */
  close(): Promise<void>;
  /** Forget the thread's loop delay seen so far (a run's warm-up ended). */
  markLoop(): void;
  /** The thread's loop delay since the last mark; undefined if it is gone. */
  readLoop(): Promise<LoopDelay | undefined>;
  /** Kill the thread as a crash would (tests). */
  crash(): void;
}

/** Start `entry` (a .ts module under harness/src) as a named worker thread. */
export function startHarnessWorker<Ready, From extends { t: string }, To>(opts: {
  name: string;
  entry: URL;
  data: unknown;
  spans: SpanSink;
  onMessage?: (message: From) => void;
  /** The worker died without being asked to (not called for a clean `close`). */
  onCrash: (reason: string) => void;
}): HarnessWorker<Ready, To> {
  const worker = new Worker(BOOT, {
    name: opts.name,
    workerData: { entry: opts.entry.href, data: opts.data, name: opts.name },
  });
  const flushes = new Map<number, () => void>();
  const loopReads = new Map<number, (d: LoopDelay | undefined) => void>();
  let nextFlush = 0;
  let closing = false;
  let exitedAlready = false;
  let crash: string | undefined;
  let markReady: (r: Ready) => void = () => {};
  let failStart: (e: Error) => void = () => {};
  const ready = new Promise<Ready>((resolve, reject) => {
    markReady = resolve;
    failStart = reject;
  });
  ready.catch(() => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (m: FromWorkerCommon | From | { t: 'ready'; ready: Ready }) => {
    if (m.t === 'spans') opts.spans.accept((m as Extract<FromWorkerCommon, { t: 'spans' }>).rows);
    else if (m.t === 'flushed') {
      const id = (m as Extract<FromWorkerCommon, { t: 'flushed' }>).id;
      flushes.get(id)?.();
      flushes.delete(id);
    } else if (m.t === 'loop') {
      const { id, delay } = m as Extract<FromWorkerCommon, { t: 'loop' }>;
      loopReads.get(id)?.(delay);
      loopReads.delete(id);
    } else if (m.t === 'ready') markReady((m as { ready: Ready }).ready);
    else if (m.t === 'failed') {
      crash = `${opts.name} failed: ${(m as { message: string }).message}`;
      void worker.terminate();
    } else if (m.t === 'closed') void worker.terminate();
    else opts.onMessage?.(m as From);
  });
  worker.on('error', (e) => {
    crash = `${opts.name} crashed: ${e.message}`;
  });
  worker.on('exit', (code) => {
    for (const done of flushes.values()) done();
    flushes.clear();
    for (const done of loopReads.values()) done(undefined);
    loopReads.clear();
    exitedAlready = true;
    const reason = crash ?? `${opts.name} exited (code ${code})`;
    failStart(new Error(reason));
    if (!closing) opts.onCrash(reason);
  });
  const send = (m: ToWorkerCommon | To, transfer?: readonly TransferListItem[]) =>
    worker.postMessage(m, transfer);
  return {
    ready,
    post: send,
    flush() {
      if (closing || exitedAlready) return exited;
      const id = nextFlush++;
      return new Promise<void>((resolve) => {
        flushes.set(id, resolve);
        send({ t: 'flush', id });
      });
    },
    async close() {
      if (!closing) {
        closing = true;
        send({ t: 'close' });
        // a worker that cannot finish its own shutdown must not hold up the harness's
        const timer = setTimeout(() => void worker.terminate(), 10_000);
        timer.unref();
        await exited;
        clearTimeout(timer);
      }
      await exited;
    },
    markLoop: () => {
      if (!exitedAlready && !closing) send({ t: 'loop-mark' });
    },
    readLoop() {
      if (exitedAlready || closing) return Promise.resolve(undefined);
      const id = nextFlush++;
      return new Promise((resolve) => {
        loopReads.set(id, resolve);
        send({ t: 'loop-read', id });
      });
    },
    crash: () => void worker.terminate(),
  };
}
