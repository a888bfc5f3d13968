// @ts-check
import { BATCH_ITEM } from './lib/prompts.js';

/** Batches that come back incomplete: some items fail, some are missing; resubmission recovers them. */
/** @type {import('./lib/types.js').Scenario} */
export default {
  name: 'batch-partial',
  description: 'gpt-4o-mini batches at 60/min with 20 % partial completions and 20 % item failures.',
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
  faults: [
    { kind: 'batch_partial', probability: 0.2, pattern: 'batch' },
    { kind: 'batch_item_failure', probability: 0.2, pattern: 'batch' },
  ],
  client: { retry: true, timeoutMs: 120000 },
  mock: { profile: 'ideal', timeScale: 0.05 },
  startRate: 60,
  stages: [{ duration: '2m', target: 60 }],
  warmup: '5s',
  maxInFlight: 500,
  thresholds: { harness_errors: ['rate<0.05'] },
};
