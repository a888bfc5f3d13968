import { ClassifiedError } from '../error-class';
import type { BatchJobOptions } from '../types';

/** Poll `get` every `pollIntervalMs` until `done`, or until the signal aborts. */
export async function pollUntil<T>(
  get: () => Promise<T>,
  done: (v: T) => boolean,
  o: BatchJobOptions,
): Promise<T> {
  for (;;) {
    const v = await get();
    if (done(v)) return v;
    if (o.signal?.aborted) throw new ClassifiedError('timeout', 'gave up waiting for the batch job');
    await new Promise((resolve) => setTimeout(resolve, o.pollIntervalMs));
  }
}
