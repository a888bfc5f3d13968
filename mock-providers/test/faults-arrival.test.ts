import { describe, expect, it } from 'vitest';
import { admin, useMockServer } from './helpers/mock';

const mock = useMockServer({ seed: 3 });
const put = (body: unknown) =>
  fetch(`${mock().url}/__admin/config`, { method: 'PUT', body: JSON.stringify(body) });
const reset = () => admin(mock().url, 'reset', { method: 'POST' });

/** Faults that answer at once (no `timeout` hold), often enough that 20 arrivals meet several. */
const BUSY = { name: 'busy', faults: { server_error: 0.25, content_filter: 0.25, invalid_json: 0.2 } };

/** One chat call, as a client would classify it; `arrival` goes in W3C baggage as the harness sends it. */
async function chat(arrival: number | undefined, i: number): Promise<string> {
  const headers: Record<string, string> = { authorization: 'Bearer arr', 'content-type': 'application/json' };
  if (arrival !== undefined) headers.baggage = `harness.run_id=t,harness.arrival=${arrival}`;
  const res = await fetch(`${mock().url}/v1/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `q ${i}` }] }),
  });
  const text = await res.text();
  if (res.status !== 200) return String(res.status);
  try {
    return (JSON.parse(text) as { choices: [{ finish_reason: string }] }).choices[0].finish_reason;
  } catch {
    return 'invalid_json';
  }
}

/** Arrivals sent one at a time in `order`, each making two calls (a call and its retry). */
async function arrivals(order: number[]): Promise<Map<number, string[]>> {
  const met = new Map<number, string[]>();
  for (const a of order) met.set(a, [await chat(a, a), await chat(a, a)]);
  return met;
}

const range = (n: number) => [...Array(n).keys()];
const sorted = (m: Map<number, string[]>) => [...m].sort(([a], [b]) => a - b);

describe('random faults keyed to the load arrival (baggage harness.arrival)', () => {
  it('meets the same faults per arrival whatever order the arrivals reach the mock in', async () => {
    await put({ profile: BUSY });
    await reset();
    const forward = await arrivals(range(20));
    await reset();
    const backward = await arrivals(range(20).reverse());
    expect(sorted(backward)).toEqual(sorted(forward));
    const outcomes = [...forward.values()].flat();
    expect(new Set(outcomes).size).toBeGreaterThan(2); // faults did happen, and not everywhere
    // a call and its retry draw apart: some arrival meets a fault once and not twice
    expect([...forward.values()].some(([a, b]) => a !== b)).toBe(true);
    await put({ profile: 'ideal' });
  });

  it('keeps requests without the key on the arrival-order PRNG, untouched by keyed ones and by polls', async () => {
    await put({ profile: BUSY });
    await reset();
    const alone: string[] = [];
    for (const i of range(20)) alone.push(await chat(undefined, i));
    await reset();
    const mixed: string[] = [];
    for (const i of range(20)) {
      await chat(i, i); // keyed: draws by its key, takes nothing from the sequence
      // a batch status poll is no fault site: it takes no draw either
      await fetch(`${mock().url}/v1/batches/batch_missing`, { headers: { authorization: 'Bearer arr' } });
      mixed.push(await chat(undefined, i));
    }
    expect(mixed).toEqual(alone);
    await put({ profile: 'ideal' });
  });
});
