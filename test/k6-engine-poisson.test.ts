/**
 * A `poisson: true` scenario through stock k6 arrives at the same seeded instants as through the
 * built-in driver: the plan module draws them once, k6 runs an iteration per arrival and each VU
 * waits for its arrival's instant. Checked on a real harness: the same arrivals, patterns and forced
 * faults on both engines, and k6's send times follow the Poisson gaps (not evenly spaced ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../harness/src/scenarios/load';
import { planScenario } from '../harness/src/scenarios/plan';
import { runK6Tests } from '../harness/test/helpers/k6';
import { getJson, post, startTestStack, waitForRunEnd } from './helpers';
import { sendTimesOf, sequenceOf } from './k6-sequence';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** Direct calls at 240 RPM for 12 s, Poisson, on an instant mock, with a forced-fault window. */
const definition = {
  name: 'poisson-k6',
  description: 'Poisson arrivals through both engines',
  mix: [
    { pattern: 'direct', weight: 3, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 8 },
    { pattern: 'direct', weight: 1, provider: 'anthropic', model: 'claude-3-5-haiku-20241022', maxTokens: 8 },
  ],
  faults: [{ kind: 'server_error', probability: 0.3, from: '4s', until: '8s' }],
  mock: { profile: 'ideal', timeScale: 0 },
  startRate: 240,
  stages: [{ duration: '12s', target: 240 }],
  poisson: true,
  seed: 17,
};

/** Pearson correlation of two equally long series. */
function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? mb;
    num += (x - ma) * (y - mb);
    da += (x - ma) ** 2;
    db += (y - mb) ** 2;
  });
  return num / Math.sqrt(da * db);
}

describe.skipIf(!runK6Tests)('Poisson arrivals through k6', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('sends the seeded Poisson arrivals at their instants, as the built-in driver does', async () => {
    const offsets = [...planScenario(parseScenario(definition)).schedule.offsetsMs];
    const k6 = await post(`${stack.url}/api/runs`, { definition, engine: 'k6' });
    expect(k6.status, JSON.stringify(k6.body)).toBe(202);
    const done = await waitForRunEnd(stack, k6.body.runId, 180_000);
    expect(done.status, JSON.stringify(done.summary?.error)).toBe('completed');
    const report = await getJson(`${stack.url}/api/runs/${k6.body.runId}/report`);
    expect(report.totals.scheduled).toBe(offsets.length);
    expect(report.accounting.identityHolds).toBe(true);
    // One k6 iteration per arrival of the plan.
    expect(report.k6.iterations).toBe(offsets.length);

    // k6's sends follow the Poisson gaps: against evenly spaced sends the correlation would be ~0.
    const sent = await sendTimesOf(stack, k6.body.runId);
    const both = offsets.map((_, i) => i).filter((i) => sent.has(i) && sent.has(i + 1));
    expect(both.length).toBeGreaterThan(offsets.length * 0.8);
    const planned = both.map((i) => (offsets[i + 1] ?? 0) - (offsets[i] ?? 0));
    const actual = both.map((i) => (sent.get(i + 1) ?? 0) - (sent.get(i) ?? 0));
    expect(correlation(planned, actual)).toBeGreaterThan(0.5);

    // The built-in engine: the same arrivals, patterns and forced faults.
    const sequence = await sequenceOf(stack, k6.body.runId);
    expect(sequence).toHaveLength(offsets.length);
    const builtin = await post(`${stack.url}/api/runs`, { definition });
    expect((await waitForRunEnd(stack, builtin.body.runId, 180_000)).status).toBe('completed');
    expect(await sequenceOf(stack, builtin.body.runId)).toEqual(sequence);
  }, 400_000);
});
