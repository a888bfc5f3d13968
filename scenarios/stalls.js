// @ts-check
import { CHAT } from './lib/prompts.js';

/** Streams that stop sending mid-response; the client's idle timeout must detect and retry them. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'stalls',
  description: 'Streaming claude-sonnet-4 at 120 RPM with 10 % of streams stalling; 10 s idle timeout.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'streaming',
      weight: 1,
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      input: CHAT,
      maxTokens: 1024,
    },
  ],
  faults: [{ kind: 'sse_stall', probability: 0.1, pattern: 'streaming' }],
  client: { retry: { maxAttempts: 2 }, timeoutMs: 90000, idleTimeoutMs: 10000 },
  mock: { profile: 'ideal' },
  startRate: 120,
  stages: [{ duration: '3m', target: 120 }],
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.02'], harness_latency_ms: ['p(99)<60000'] },
};
