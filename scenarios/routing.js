// @ts-check
import { CHAT, CLASSIFY } from './lib/prompts.js';

/** Model routing: simple tasks go to the fast model (seeds: 2–5x effective throughput). */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'routing',
  description: 'gpt-4o traffic at 900 RPM with routing on: short classification calls move to gpt-4o-mini.',
  target: { kind: 'builtin' },
  mix: [
    { pattern: 'direct', weight: 7, provider: 'openai', model: 'gpt-4o', input: CLASSIFY, maxTokens: 128 },
    { pattern: 'streaming', weight: 3, provider: 'openai', model: 'gpt-4o', input: CHAT, maxTokens: 1024 },
  ],
  client: { retry: true, breaker: true, timeoutMs: 30000, routing: true },
  mock: { profile: 'seed-typical', rateLimits: { 'openai/gpt-4o': { rpm: 600 } } },
  startRate: 100,
  stages: [
    { duration: '30s', target: 900 },
    { duration: '2m', target: 900 },
  ],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.05'], harness_latency_ms: ['p(95)<5000'] },
};
