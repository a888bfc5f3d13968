import type { LoopDelay } from '../runs/instrument/loop-delay';
import type { SpanRow } from '../store/span-row';

/**
 * What every harness worker thread (mock, client) may send the main thread besides its own
 * messages: span rows for the one span writer, and the answer to a flush.
 */
export type FromWorkerCommon =
  | { t: 'spans'; rows: SpanRow[] }
  | { t: 'flushed'; id: number }
  | { t: 'closed' }
  | { t: 'failed'; message: string }
  | { t: 'loop'; id: number; delay: LoopDelay };

/**
 * Main → worker: push every buffered span over (answered by `flushed`), shut down (`closed`),
 * forget the loop delay seen so far (a run's warm-up ended), read it (answered by `loop`).
 */
export type ToWorkerCommon =
  | { t: 'flush'; id: number }
  | { t: 'close' }
  | { t: 'loop-mark' }
  | { t: 'loop-read'; id: number };
