/**
 * Fault control through W3C `baggage`, so a load driver can force a fault on the provider call of
 * an app it cannot change: OpenTelemetry-instrumented apps carry `baggage` from their incoming
 * request to their outgoing ones, while nobody forwards `x-mock-fault`. Keys: `mock.fault`,
 * `mock.profile`. A baggage fault hits the FIRST request of its trace it can apply to (an
 * embeddings call does not use up an `sse_drop`); the app's retries, and the rest of its fan-out,
 * then meet the mock's normal behaviour — as a real transient fault would let them.
 */
import { Lru } from '../lru';

/** Baggage key that forces a fault kind. */
export const BAGGAGE_FAULT = 'mock.fault';
/** Baggage key that picks a fault profile. */
export const BAGGAGE_PROFILE = 'mock.profile';

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
