// @ts-check
import { AGENT_TASK } from './lib/prompts.js';
import { steps } from './lib/stages.js';

/** Tool-using agent (claude-sonnet-4, several calls per task) at 10, 100 and 1,000 RPM. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'agent-ramp',
  description:
    'Agent tasks on claude-sonnet-4 (tools, 1,024 tokens, gpt-4o fallback) stepped 10 → 100 → 1,000 RPM.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'agent',
      weight: 1,
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      input: AGENT_TASK,
      maxTokens: 1024,
      fallback: { provider: 'openai', model: 'gpt-4o' },
    },
  ],
  client: { retry: true, breaker: true, timeoutMs: 120000 },
  mock: { profile: 'seed-typical' },
  startRate: 10,
  stages: steps([10, 100, 1000]),
  warmup: '10s',
  maxInFlight: 2000,
  thresholds: { harness_latency_ms: ['p(95)<15000'], harness_errors: ['rate<0.05'] },
};
