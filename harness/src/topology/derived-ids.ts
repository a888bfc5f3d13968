import { createHash } from 'node:crypto';
import type { RequestIds } from '../runs/load-request-span';

/**
 * Trace and span id of request `index` of run `runId`, derived (SHA-256) instead of drawn, so the
 * driver's thread and the main thread name the same request the same way without a message per
 * request. Unique per run: run ids carry a random suffix.
 */
export function derivedRequestIds(runId: string, index: number): RequestIds {
  const h = createHash('sha256').update(`${runId}:${index}`).digest('hex');
  return { traceId: h.slice(0, 32), spanId: h.slice(32, 48) };
}
