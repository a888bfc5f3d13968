// @ts-check
import { CLASSIFY } from './lib/prompts.js';

/**
 * Driven past its limit from the first second. claude-sonnet-4's Scale tier is 4,000 RPM, more than
 * this box can drive, so the limit is overridden to 100 RPM and driven at 600 RPM (6x). The
 * limiter's bucket holds one minute of the limit (100 requests) and drains at 500/min, so 429s
 * start after ~10 s at any duration (stretching scales the warm-up, not the drain), well inside a
 * 30 s run. Retries honour retry-after; watch retry waste and the 429 rate.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'rate-limit-storm',
  description:
    'claude-sonnet-4 limited to 100 RPM, driven at 600 RPM (6x the limit) from the start, retries on.',
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
  client: { retry: { maxAttempts: 4 }, breaker: false, timeoutMs: 60000 },
  mock: { profile: 'ideal', rateLimits: { 'anthropic/claude-sonnet-4-20250514': { rpm: 100 } } },
  startRate: 600,
  stages: [{ duration: '90s', target: 600 }],
  warmup: '5s',
  maxInFlight: 1000,
  // Most requests end rate-limited by design: the gate is that retries stay bounded in time.
  thresholds: { harness_latency_ms: ['p(95)<60000'] },
};
