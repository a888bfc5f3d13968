// @ts-check
import { CLASSIFY } from './lib/prompts.js';
import { steps } from './lib/stages.js';

/** Direct synchronous calls at 10, 100 and 1,000 RPM: the pattern seeds call "simple, medium latency". */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'direct-ramp',
  description: 'Direct calls (gpt-4o-mini classification, 256 tokens) stepped 10 → 100 → 1,000 RPM.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'direct',
      weight: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: CLASSIFY,
      maxTokens: 256,
    },
  ],
  client: { retry: true, breaker: true, timeoutMs: 30000 },
  mock: { profile: 'seed-typical' },
  startRate: 10,
  stages: steps([10, 100, 1000]),
  warmup: '10s',
  maxInFlight: 500,
  thresholds: {
    harness_latency_ms: ['p(95)<3000'],
    harness_errors: ['rate<0.05'],
    dropped_iterations: ['count==0'],
  },
};
