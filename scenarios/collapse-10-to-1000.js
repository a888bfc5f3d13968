// @ts-check
import { CLASSIFY } from './lib/prompts.js';

/**
 * "Works at 10 RPM, collapses at 1,000": direct claude calls ramped 10 → 1,000 RPM against a tight
 * 600 RPM limit with every resilience policy off, so 429s pass straight through to the caller.
 * The thresholds are meant to fail at the top of the ramp.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'collapse-10-to-1000',
  description:
    'Direct claude-sonnet-4 calls ramped 10 → 1,000 RPM at a 600 RPM limit, no retry/breaker/fallback.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'direct',
      weight: 1,
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      input: CLASSIFY,
      maxTokens: 256,
    },
  ],
  client: { retry: false, breaker: false, pooling: false },
  mock: { profile: 'seed-typical', rateLimits: { 'anthropic/claude-sonnet-4-20250514': { rpm: 600 } } },
  startRate: 10,
  stages: [
    { duration: '1m', target: 10 },
    { duration: '3m', target: 1000 },
    { duration: '1m', target: 1000 },
  ],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.01'], harness_latency_ms: ['p(95)<3000'] },
};
