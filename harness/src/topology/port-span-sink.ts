import type { MessagePort } from 'node:worker_threads';
import type { SpanRow } from '../store/span-row';
import type { SpanSink } from '../store/span-sink';
import type { FromWorkerCommon } from './worker-messages';

/**
 * A worker thread's span sink: rows go to the main thread's span writer by message, so span
 * encoding and store writes stay off the worker's loop and there is still one writer (one queue
 * bound, one drop count). Nothing is refused here: the main writer counts what its queue refuses.
 * `flush` resolves at once; the main thread's flush asks the worker first (messages keep order).
 */
export function portSpanSink(port: MessagePort): SpanSink {
  return {
    accept(rows: readonly SpanRow[]) {
      if (rows.length) port.postMessage({ t: 'spans', rows: [...rows] } satisfies FromWorkerCommon);
      return { accepted: rows.length, rejected: 0 };
    },
    flush: async () => {},
  };
}
