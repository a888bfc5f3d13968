// @ts-check
import { CHAT, CLASSIFY } from './lib/prompts.js';

/** Connection pooling on (seeds: 20–40 % throughput for direct and streaming). Compare with pooling-off. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'pooling-on',
  description: 'Direct + streaming gpt-4o-mini at 600 RPM with keep-alive connection pooling.',
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
    {
      pattern: 'streaming',
      weight: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: CHAT,
      maxTokens: 512,
    },
  ],
  client: { retry: true, breaker: true, timeoutMs: 30000, pooling: true },
  mock: { profile: 'ideal' },
  startRate: 100,
  stages: [
    { duration: '30s', target: 600 },
    { duration: '2m', target: 600 },
  ],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_latency_ms: ['p(95)<5000'], harness_errors: ['rate<0.01'] },
};
