import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../content/rng';
import { createArrivalDraws, keyedDraw, type RequestDraw, requestDraw } from './arrival-draws';
import { baggageArrival } from './baggage';
import { drawFault } from './select';

const CHAT = 'POST /v1/chat/completions';
const BATCH = 'POST /v1/batches';
const TRACE = '0af7651916cd43dd8448eb211c80319c';

/** The headers of a provider call made for `arrival` (in trace `trace`, when given). */
const call = (arrival: number | undefined, trace?: string): Headers => {
  const h = new Headers();
  if (arrival !== undefined) h.set('baggage', `harness.run_id=r1,harness.arrival=${arrival}`);
  if (trace) h.set('traceparent', `00-${trace}-b7ad6b7169203331-01`);
  return h;
};
const plain = ({ u, v }: RequestDraw) => ({ u, v });
/** Fisher–Yates, seeded. */
const shuffle = <T>(items: T[], seed: number): T[] => {
  const rng = createRng(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};

describe('fault draws keyed to the load arrival', () => {
  it('reads the arrival from baggage: a non-negative integer, anything else is no key', () => {
    expect(baggageArrival('harness.arrival=17')).toBe(17);
    expect(baggageArrival('mock.fault=timeout, harness.arrival = 3 ;p=1')).toBe(3);
    for (const bad of [
      null,
      '',
      'harness.run_id=r',
      'harness.arrival=-1',
      'harness.arrival=1.5',
      'harness.arrival=x',
    ])
      expect(baggageArrival(bad), String(bad)).toBeUndefined();
    expect(baggageArrival(`harness.arrival=${2 ** 60}`)).toBeUndefined();
  });

  it('gives each (arrival, route, ordinal) the same draw whatever order the requests arrive in', () => {
    const calls = fc.array(fc.record({ arrival: fc.nat(20), route: fc.constantFrom(CHAT, BATCH) }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.integer(), calls, fc.integer(), (seed, list, shuffleSeed) => {
        // The same calls in arrival order and in a shuffled order (each run restarted, as a reset does).
        const shuffled = shuffle([...list.keys()], shuffleSeed);
        const byKey = (order: number[]) => {
          const draws = createArrivalDraws(seed);
          const rng = createRng(seed);
          const out = new Map<string, { u: number; v: number }>();
          for (const i of order) {
            const c = list[i] as (typeof list)[number];
            const d = requestDraw(call(c.arrival, TRACE), c.route, rng, draws);
            out.set(`${c.arrival}/${c.route}/${d.ordinal}`, plain(d));
          }
          return out;
        };
        const inOrder = byKey([...list.keys()]);
        const reordered = byKey(shuffled);
        expect(new Map([...reordered].sort())).toEqual(new Map([...inOrder].sort()));
      }),
      { numRuns: 200 },
    );
  });

  it('gives a retry of a call the next ordinal, and a different draw', () => {
    const draws = createArrivalDraws(1);
    const first = draws.next(4, CHAT, TRACE);
    const retry = draws.next(4, CHAT, TRACE);
    expect([first.ordinal, retry.ordinal]).toEqual([0, 1]);
    expect(plain(first)).toEqual(keyedDraw(1, 4, CHAT, 0));
    expect(plain(retry)).toEqual(keyedDraw(1, 4, CHAT, 1));
    expect(plain(retry)).not.toEqual(plain(first));
  });

  it('draws apart for different ordinals, arrivals, routes and seeds, and spreads u evenly', () => {
    const seen = new Set<number>();
    const buckets = new Array<number>(10).fill(0);
    for (let arrival = 0; arrival < 500; arrival++)
      for (let ordinal = 0; ordinal < 4; ordinal++)
        for (const route of [CHAT, BATCH]) {
          const { u, v } = keyedDraw(42, arrival, route, ordinal);
          seen.add(u);
          expect(u).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(1);
          buckets[Math.floor(u * 10)] = (buckets[Math.floor(u * 10)] ?? 0) + 1;
        }
    expect(seen.size).toBe(4_000);
    // 400 expected per tenth; 5σ ≈ 95
    for (const n of buckets) expect(Math.abs(n - 400)).toBeLessThan(100);
    expect(keyedDraw(42, 1, CHAT, 0)).not.toEqual(keyedDraw(43, 1, CHAT, 0));
  });

  it("counts ordinals per route, so one route's calls (e.g. a timing-dependent number) never shift another's", () => {
    const quiet = createArrivalDraws(9);
    const busy = createArrivalDraws(9);
    for (let i = 0; i < 7; i++) busy.next(2, BATCH, TRACE);
    expect(busy.next(2, CHAT, TRACE)).toEqual(quiet.next(2, CHAT, TRACE));
  });

  it('counts per trace too, so a second run against the same mock starts again at ordinal 0', () => {
    const draws = createArrivalDraws(5);
    const a = draws.next(0, CHAT, TRACE);
    const b = draws.next(0, CHAT, 'ffffffffffffffffffffffffffffffff');
    expect(b).toEqual(a);
  });

  it('leaves requests without the key on the arrival-order PRNG exactly, untouched by keyed ones', () => {
    const seed = 77;
    const expected = createRng(seed);
    const rng = createRng(seed);
    const draws = createArrivalDraws(seed);
    for (let i = 0; i < 50; i++) {
      if (i % 3 === 0) requestDraw(call(i, TRACE), CHAT, rng, draws); // keyed: takes nothing from rng
      const d = requestDraw(call(undefined), CHAT, rng, draws);
      expect(d).toEqual(drawFault(expected));
      expect(d.arrival).toBeUndefined();
    }
    const bad = new Headers({ baggage: 'harness.arrival=oops' });
    expect(requestDraw(bad, CHAT, rng, draws)).toEqual(drawFault(expected));
  });

  it('keeps its ordinal counters bounded under any number of arrivals', () => {
    const draws = createArrivalDraws(1, 1_000);
    for (let arrival = 0; arrival < 20_000; arrival++) draws.next(arrival, CHAT, TRACE);
    expect(draws.size).toBeLessThanOrEqual(1_000);
    expect(draws.size).toBeGreaterThan(0);
  });
});
