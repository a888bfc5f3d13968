// @ts-check
import { CHAT } from './lib/prompts.js';
import { steps } from './lib/stages.js';

/** Streaming chat at 10, 100 and 1,000 RPM: long answers, judged on time to first token. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'streaming-ramp',
  description: 'Streaming chat (gpt-4o, 1,024 tokens) stepped 10 → 100 → 1,000 RPM; TTFT is the SLO.',
  target: { kind: 'builtin' },
  mix: [
    { pattern: 'streaming', weight: 1, provider: 'openai', model: 'gpt-4o', input: CHAT, maxTokens: 1024 },
  ],
  client: { retry: true, breaker: true, timeoutMs: 60000, idleTimeoutMs: 30000 },
  mock: { profile: 'seed-typical' },
  startRate: 10,
  stages: steps([10, 100, 1000]),
  warmup: '10s',
  maxInFlight: 1000,
  slo: { ttftMs: 1000 },
  thresholds: { harness_ttft_ms: ['p(95)<800'], harness_errors: ['rate<0.05'] },
};
