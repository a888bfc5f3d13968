// @ts-check
import { BATCH_ITEM, CHAT, CLASSIFY } from './lib/prompts.js';

/**
 * The short comparison `npm start` runs: direct vs streaming vs batch at 60 RPM for 20 s. The mock
 * runs at timeScale 0.1 so a batch completes in ~6 s, inside the run.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'smoke',
  description: 'Direct, streaming and batch side by side: 60 RPM for 20 s on gpt-4o-mini.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'direct',
      weight: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: CLASSIFY,
      maxTokens: 128,
    },
    {
      pattern: 'streaming',
      weight: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: CHAT,
      maxTokens: 256,
    },
    {
      pattern: 'batch',
      weight: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: BATCH_ITEM,
      maxTokens: 64,
    },
  ],
  client: { retry: true, breaker: true, timeoutMs: 30000 },
  mock: { profile: 'seed-typical', timeScale: 0.1 },
  startRate: 60,
  stages: [{ duration: '20s', target: 60 }],
  warmup: '2s',
  maxInFlight: 200,
  thresholds: { harness_errors: ['rate<0.2'] },
};
