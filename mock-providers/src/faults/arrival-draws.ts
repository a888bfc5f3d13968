/**
 * Fault draws keyed to the load arrival a request serves, not to the order requests reach the mock.
 * Why: two load engines (the harness's driver and k6) send the same arrivals in a different,
 * timing-dependent order; with one arrival-order PRNG they would meet different random faults.
 * A request whose `baggage` names its arrival (`harness.arrival`) gets a draw that is a hash of
 * (seed, arrival, route, ordinal), the ordinal counting this arrival's earlier calls of the same
 * route — so a retry takes the next ordinal of its call, and calls of other routes (batch polls,
 * embeddings) never shift it. Requests without the key keep the arrival-order PRNG.
 */
import { createRng, hash32, type Rng } from '../content/rng';
import { Lru } from '../lru';
import { baggageArrival, traceIdOf } from './baggage';
import { drawFault, type FaultDraw } from './select';

/** Ground-truth attribute: the load arrival a keyed request's draw was keyed to. */
export const ARRIVAL_ATTRIBUTE = 'mock.arrival';
/** Ground-truth attribute: which call of its route (0 = first) that arrival made with this request. */
export const ARRIVAL_ORDINAL_ATTRIBUTE = 'mock.arrival.ordinal';

/** A request's draw and, when keyed, the arrival and ordinal it was keyed to (for ground truth). */
export interface RequestDraw extends FaultDraw {
  arrival?: number;
  ordinal?: number;
}

/** The per-arrival draws of one mock: ordinals counted per (trace, arrival, route), bounded. */
export interface ArrivalDraws {
  /** The draw of the next call of `route` by `arrival` (in trace `traceId`, when known). */
  next(arrival: number, route: string, traceId: string | undefined): RequestDraw;
  /** Ordinal counters held (at most the bound given at creation). */
  readonly size: number;
}

/** murmur3's 32-bit finaliser: spreads FNV-1a's weak low-bit avalanche over every bit. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The draw of call `ordinal` of `route` by `arrival`: a pure function of the tuple and the seed. */
export function keyedDraw(seed: number, arrival: number, route: string, ordinal: number): FaultDraw {
  const rng = createRng(fmix32(hash32(`${arrival}\u0000${route}\u0000${ordinal}`, seed)));
  return { u: rng.next(), v: rng.next() };
}

/**
 * Creates the ordinal counters of one mock seeded with `seed`. The trace id is part of the counter's
 * key so two runs of the same plan against one mock (without a reset between) each count from 0;
 * it is not part of the hash, so they meet the same draws. Bounded: a counter older than the last
 * ~`maxEntries / 2` keyed calls is forgotten (its arrival would restart at ordinal 0, far beyond
 * the life of any load arrival's calls).
 */
export function createArrivalDraws(seed: number, maxEntries = 100_000): ArrivalDraws {
  const ordinals = new Lru<string, number>(maxEntries);
  return {
    next(arrival, route, traceId) {
      const key = `${traceId ?? ''}\u0000${arrival}\u0000${route}`;
      const ordinal = ordinals.get(key) ?? 0;
      ordinals.set(key, ordinal + 1);
      return { ...keyedDraw(seed, arrival, route, ordinal), arrival, ordinal };
    },
    get size() {
      return ordinals.size;
    },
  };
}

/**
 * The draw of one fault-site request: keyed to its arrival when its `baggage` names one, else the
 * next two numbers of the arrival-order PRNG (exactly as before arrival keys existed).
 */
export function requestDraw(headers: Headers, route: string, rng: Rng, draws: ArrivalDraws): RequestDraw {
  const arrival = baggageArrival(headers.get('baggage'));
  if (arrival === undefined) return drawFault(rng);
  return draws.next(arrival, route, traceIdOf(headers.get('traceparent')));
}
