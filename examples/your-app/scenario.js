// @ts-check
/**
 * Load-test the example app (or your own: change the url and paths) through the harness:
 *   harness run examples/your-app/scenario.js
 * The app runs on 127.0.0.1:${EXAMPLE_PORT:-8787}; the driver sends each pattern to its endpoint,
 * with `traceparent` and `baggage`, so the app's spans and the mock's join the driver's trace.
 * Forced faults travel in baggage (`mock.fault`): the mock applies each to the first provider call of
 * its trace, and the report's resilience table shows whether the app absorbed, degraded or surfaced it.
 * Plain ES2017 (k6 parses it too); EXAMPLE_PORT is read from node's or k6's environment.
 */

/** @type {Record<string, string | undefined>} */
const env =
  // @ts-expect-error k6 names its environment __ENV
  typeof __ENV !== 'undefined' ? __ENV : typeof process !== 'undefined' ? process.env : {};
const port = env.EXAMPLE_PORT || '8787';
// EXAMPLE_TIME_SCALE shrinks the run (tests use ~0.15): same requests and windows, sooner.
const scale = Number(env.EXAMPLE_TIME_SCALE || '1');
/** @param {number} seconds */
const at = (seconds) => `${Math.round(seconds * 1000 * scale)}ms`;
const rpm = Math.round(60 / scale);

const INPUT =
  'Our launch checklist covers load tests, rate limit budgets, retry policies, streaming ' +
  'fallbacks, cost alerts and the on-call rota. Summarize what the team must still verify.';

/** @type {import('../../scenarios/lib/types.js').Scenario} */
export default {
  name: 'your-app',
  description:
    'The example app under load: /chat, /chat/stream, /summarize-batch; a 429 window and an SSE-drop window.',
  target: {
    kind: 'url',
    url: `http://127.0.0.1:${port}`,
    paths: { direct: '/chat', streaming: '/chat/stream', batch: '/summarize-batch' },
  },
  mix: [
    { pattern: 'direct', weight: 2, provider: 'openai', model: 'gpt-4o-mini', input: INPUT, maxTokens: 128 },
    {
      pattern: 'streaming',
      weight: 2,
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: INPUT,
      maxTokens: 128,
    },
    { pattern: 'batch', weight: 1, provider: 'openai', model: 'gpt-4o-mini', input: INPUT, maxTokens: 128 },
  ],
  faults: [
    { kind: 'rate_limit', probability: 0.5, from: at(20), until: at(40) },
    { kind: 'sse_drop', probability: 0.5, pattern: 'streaming', from: at(40), until: at(60) },
  ],
  // No random faults and no tier limits: the two windows are the only faults, so the report's
  // resilience table reads cleanly. Try profile 'seed-typical' and rateLimits 'published' next.
  mock: { profile: 'ideal', rateLimits: 'off', timeScale: scale },
  startRate: rpm,
  stages: [{ duration: at(70), target: rpm }],
  warmup: at(5),
  seed: 1,
};
