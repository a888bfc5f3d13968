// @ts-check
import { AGENT_TASK, BATCH_ITEM, CHAT, CLASSIFY, QUESTION } from './lib/prompts.js';

/**
 * The seed's production day compressed to its rate: 1M requests/day ≈ 694 RPM, split
 * 500K wrapper (direct) / 300K streaming / 150K batch / 40K RAG / 10K agent, Poisson arrivals.
 * The seed table's cost ($500 + $600 + $150 + $200 + $300 = $1,750/day) is kept for comparison.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'production-mix',
  description:
    '≈694 RPM (1M/day) in the seed mix: 50 % direct, 30 % streaming, 15 % batch, 4 % RAG, 1 % agent.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'direct',
      weight: 500,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: CLASSIFY,
      maxTokens: 256,
    },
    { pattern: 'streaming', weight: 300, provider: 'openai', model: 'gpt-4o', input: CHAT, maxTokens: 1024 },
    {
      pattern: 'batch',
      weight: 150,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: BATCH_ITEM,
      maxTokens: 64,
    },
    { pattern: 'rag', weight: 40, provider: 'openai', model: 'gpt-4o', input: QUESTION, maxTokens: 512 },
    {
      pattern: 'agent',
      weight: 10,
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      input: AGENT_TASK,
      maxTokens: 1024,
      fallback: { provider: 'openai', model: 'gpt-4o' },
    },
  ],
  client: { retry: true, breaker: true, timeoutMs: 60000, pooling: true },
  mock: { profile: 'seed-typical' },
  startRate: 70,
  stages: [
    { duration: '1m', target: 694 },
    { duration: '9m', target: 694 },
  ],
  poisson: true,
  seed: 42,
  warmup: '1m',
  maxInFlight: 2000,
  expectedCostPerDay: 1750,
  slo: { ttftMs: 1000, latencyMs: 5000 },
  thresholds: {
    harness_errors: ['rate<0.05'],
    'harness_latency_ms{pattern:direct}': ['p(95)<3000'],
    'harness_ttft_ms{pattern:streaming}': ['p(95)<800'],
  },
};
