// @ts-check
import { CLASSIFY } from './lib/prompts.js';

/**
 * Request queuing with backpressure (seeds: 30–50 %, "prevents failures"): a bulkhead of 20
 * concurrent calls with a queue of 50 in front of a 300 RPM limit, driven at 900 RPM. Excess load
 * is refused fast (`queue_full`) instead of piling onto the provider as 429s.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'backpressure',
  description: 'claude-3-5-haiku at 900 RPM against a 300 RPM limit, bulkhead 20 + queue 50, retries on.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'direct',
      weight: 1,
      provider: 'anthropic',
      model: 'claude-3-5-haiku-20241022',
      input: CLASSIFY,
      maxTokens: 256,
    },
  ],
  client: { retry: true, breaker: true, timeoutMs: 30000, bulkhead: { maxConcurrent: 20, queue: 50 } },
  mock: { profile: 'ideal', rateLimits: { 'anthropic/claude-3-5-haiku-20241022': { rpm: 300 } } },
  startRate: 100,
  stages: [
    { duration: '30s', target: 900 },
    { duration: '2m', target: 900 },
  ],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_latency_ms: ['p(95)<10000'], dropped_iterations: ['count==0'] },
};
