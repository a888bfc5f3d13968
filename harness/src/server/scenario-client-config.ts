import type { ClientConfigInput } from '../client/config';
import type { Scenario } from '../scenarios/schema';

/**
 * Translate a scenario's `client` section (the short form authors write) into the instrumented
 * client's full settings. Anything the scenario leaves out keeps the client default.
 */
export function clientConfigFromScenario(client: Scenario['client']): ClientConfigInput {
  const c = client ?? {};
  const out: ClientConfigInput = {};
  if (c.pooling !== undefined) out.pooling = c.pooling;
  if (c.retry === false) out.retry = false;
  else if (typeof c.retry === 'object') out.retry = { maxRetries: Math.max(0, c.retry.maxAttempts - 1) };
  if (c.breaker === false) out.breaker = false;
  else if (typeof c.breaker === 'object') {
    out.breaker = {
      ...(c.breaker.failureRatio === undefined ? {} : { failureRatio: c.breaker.failureRatio }),
      ...(c.breaker.halfOpenAfterMs === undefined ? {} : { halfOpenAfterMs: c.breaker.halfOpenAfterMs }),
      ...(c.breaker.minThroughput === undefined ? {} : { minThroughput: c.breaker.minThroughput }),
    };
  }
  if (c.timeoutMs !== undefined || c.idleTimeoutMs !== undefined) {
    out.timeout = {
      ...(c.timeoutMs === undefined ? {} : { totalMs: c.timeoutMs, attemptMs: c.timeoutMs }),
      ...(c.idleTimeoutMs === undefined ? {} : { idleMs: c.idleTimeoutMs }),
    };
  }
  if (c.bulkhead) out.bulkhead = c.bulkhead;
  if (c.routing !== undefined) out.routing = c.routing ? {} : false;
  if (c.cache !== undefined) out.cache = c.cache ? {} : false;
  if (c.batchAggregation) out.batchAggregation = { ...c.batchAggregation };
  return out;
}
