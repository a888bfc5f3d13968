// @ts-check
import { CLASSIFY } from './lib/prompts.js';

/**
 * Twice the published limit. claude-sonnet-4's Scale tier is 4,000 RPM, and 8,000 RPM is more than
 * this box can drive, so the limit is overridden to 300 RPM and driven at 600 RPM: the same 2x
 * ratio. Retries honour retry-after; watch retry waste and the 429 rate.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'rate-limit-storm',
  description: 'claude-sonnet-4 limited to 300 RPM, driven at 600 RPM (2x the limit), retries on.',
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
  client: { retry: { maxAttempts: 4 }, breaker: false, timeoutMs: 60_000 },
  mock: { profile: 'ideal', rateLimits: { 'anthropic/claude-sonnet-4-20250514': { rpm: 300 } } },
  startRate: 150,
  stages: [
    { duration: '30s', target: 600 },
    { duration: '2m', target: 600 },
  ],
  warmup: '5s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.5'], harness_latency_ms: ['p(95)<30000'] },
};
