// @ts-check
import { CHAT } from './lib/prompts.js';

/** A 30-second wave in which 30 % of streams drop mid-response (seeds: 1–3 % normally). */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'sse-drop-wave',
  description: 'Streaming gpt-4o at 200 RPM; 30 % of streams drop mid-response between 1m and 1m30s.',
  target: { kind: 'builtin' },
  mix: [
    { pattern: 'streaming', weight: 1, provider: 'openai', model: 'gpt-4o', input: CHAT, maxTokens: 1024 },
  ],
  faults: [{ kind: 'sse_drop', probability: 0.3, pattern: 'streaming', from: '1m', until: '1m30s' }],
  client: { retry: true, breaker: true, timeoutMs: 60000, idleTimeoutMs: 30000 },
  mock: { profile: 'seed-typical' },
  startRate: 200,
  stages: [{ duration: '3m', target: 200 }],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.05'], harness_ttft_ms: ['p(95)<1000'] },
};
