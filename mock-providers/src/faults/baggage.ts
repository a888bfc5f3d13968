/**
 * Fault control through W3C `baggage`, so a load driver can force a fault on the provider call of
 * an app it cannot change: OpenTelemetry-instrumented apps carry `baggage` from their incoming
 * request to their outgoing ones, while nobody forwards `x-mock-fault`. Keys: `mock.fault`,
 * `mock.profile`. A baggage fault hits the FIRST request of its trace it can apply to (an
 * embeddings call does not use up an `sse_drop`); the app's retries, and the rest of its fan-out,
 * then meet the mock's normal behaviour — as a real transient fault would let them.
 * `harness.arrival` names the load arrival a request belongs to, so its random fault draw is keyed
 * to that arrival instead of to the order requests reach the mock (arrival-draws.ts).
 */
import { Lru } from '../lru';

/** Baggage key that forces a fault kind. */
export const BAGGAGE_FAULT = 'mock.fault';
/** Baggage key that picks a fault profile. */
export const BAGGAGE_PROFILE = 'mock.profile';
/**
 * Baggage key naming the load arrival (the plan's arrival index) a request serves: the harness
 * sets it on every provider call of that arrival, and the mock keys the call's fault draw to it.
 */
export const BAGGAGE_ARRIVAL = 'harness.arrival';

/** One member's value from a W3C `baggage` header (`k=v;prop,k2=v2`), percent-decoded. */
export function baggageValue(header: string | null, key: string): string | undefined {
  if (!header) return undefined;
  for (const member of header.split(',')) {
    const [pair = ''] = member.split(';');
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== key) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** The arrival index in a `baggage` header (`harness.arrival`): a non-negative safe integer, else undefined. */
export function baggageArrival(header: string | null): number | undefined {
  // Most requests carry no baggage at all: skip the parse for them.
  if (!header?.includes(BAGGAGE_ARRIVAL)) return undefined;
  const raw = baggageValue(header, BAGGAGE_ARRIVAL)?.trim();
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const index = Number(raw);
  return Number.isSafeInteger(index) ? index : undefined;
}

/** The trace id of a W3C `traceparent`, when it is well formed. */
export function traceIdOf(traceparent: string | null): string | undefined {
  const m = /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent?.trim().toLowerCase() ?? '');
  return m?.[1];
}

/**
 * Remembers which traces already had their baggage fault, so each trace gets one. Bounded: a
 * trace older than the last ~50,000 forced traces could be faulted again, far beyond any retry.
 */
export function createTraceClaims(maxEntries = 100_000): (traceId: string | undefined) => boolean {
  const spent = new Lru<string, true>(maxEntries);
  return (traceId) => {
    if (traceId === undefined) return true;
    if (spent.get(traceId)) return false;
    spent.set(traceId, true);
    return true;
  };
}
