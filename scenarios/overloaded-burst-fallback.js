// @ts-check
import { CLASSIFY } from './lib/prompts.js';

/** A one-minute burst of Anthropic 529 overloaded errors; the client falls back to gpt-4o. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'overloaded-burst-fallback',
  description:
    '529 overloaded on half of claude calls from 1m to 2m; retry once, breaker, fallback to gpt-4o.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'direct',
      weight: 1,
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      input: CLASSIFY,
      maxTokens: 256,
      fallback: { provider: 'openai', model: 'gpt-4o' },
    },
  ],
  faults: [{ kind: 'overloaded', probability: 0.5, from: '1m', until: '2m' }],
  client: { retry: { maxAttempts: 2 }, breaker: true, timeoutMs: 30000 },
  mock: { profile: 'ideal' },
  startRate: 300,
  stages: [{ duration: '3m', target: 300 }],
  warmup: '10s',
  maxInFlight: 500,
  thresholds: { harness_errors: ['rate<0.02'] },
};
