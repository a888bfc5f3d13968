// @ts-check
import { BATCH_ITEM } from './lib/prompts.js';
import { steps } from './lib/stages.js';

/**
 * Batch jobs (one labelling item per request) at 10, 100 and 1,000 submissions per minute. The mock runs
 * at timeScale 0.05 so a batch completes in ~3 s instead of the published minutes.
 */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'batch-ramp',
  description:
    'Batch submissions (gpt-4o-mini labelling, 50 % discount) stepped 10 → 100 → 1,000 per minute.',
  target: { kind: 'builtin' },
  mix: [
    {
      pattern: 'batch',
      weight: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: BATCH_ITEM,
      maxTokens: 64,
    },
  ],
  client: { retry: true, timeoutMs: 120000 },
  mock: { profile: 'seed-typical', timeScale: 0.05 },
  startRate: 10,
  stages: steps([10, 100, 1000]),
  warmup: '10s',
  maxInFlight: 1000,
  thresholds: { harness_errors: ['rate<0.05'] },
};
