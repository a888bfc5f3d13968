// @ts-check
import { QUESTION } from './lib/prompts.js';
import { steps } from './lib/stages.js';

/** RAG (embed the question, retrieve, answer with gpt-4o) at 10, 100 and 1,000 RPM. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'rag-ramp',
  description:
    'RAG: text-embedding-3-small retrieval + gpt-4o answer (512 tokens), stepped 10 → 100 → 1,000 RPM.',
  target: { kind: 'builtin' },
  mix: [{ pattern: 'rag', weight: 1, provider: 'openai', model: 'gpt-4o', input: QUESTION, maxTokens: 512 }],
  client: { retry: true, breaker: true, timeoutMs: 30000 },
  mock: { profile: 'seed-typical' },
  startRate: 10,
  stages: steps([10, 100, 1000]),
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_latency_ms: ['p(95)<5000'], harness_errors: ['rate<0.05'] },
};
