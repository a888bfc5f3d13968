// @ts-check
import { QUESTION } from './lib/prompts.js';

/**
 * Prompt/response caching (seeds: "cache aggressively: 40 % cost reduction"): the same RAG question
 * repeated at 600 RPM, so almost every call after the first can hit the cache.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'caching',
  description: 'A repeated RAG question on gpt-4o at 600 RPM with the client cache on; compare cost per 1K.',
  target: { kind: 'builtin' },
  mix: [{ pattern: 'rag', weight: 1, provider: 'openai', model: 'gpt-4o', input: QUESTION, maxTokens: 512 }],
  client: { retry: true, breaker: true, timeoutMs: 30000, cache: true },
  mock: { profile: 'ideal' },
  startRate: 600,
  stages: [{ duration: '2m', target: 600 }],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.01'], harness_cost_usd: ['count<5'] },
};
