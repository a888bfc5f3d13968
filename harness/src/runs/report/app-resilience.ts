/**
 * The resilience table of a URL-target run: for every app request whose trace holds a fault the
 * mock injected, what the app's user got. Absorbed = a complete 2xx AND the app really recovered:
 * every faulted call was followed by a provider call that succeeded (a retry, a re-opened stream,
 * a fallback model), or delivered its whole answer itself (a stall the app waited out). Degraded = the user got a 2xx but not a recovered answer: the body broke off
 * (`stream_cut`), or the app ended it cleanly with no successful call after the fault (a dropped
 * stream relayed as if complete, a canned fallback text, a partial fan-out). Surfaced = an error
 * status, a timeout or a dropped connection reached the user.
 */
import { percentile } from '../../driver/stats';
import type { AppRequest, Call } from './app-call';

/** What became of the app requests of one endpoint whose trace holds one fault kind. */
export interface ResilienceRow {
  endpoint: string;
  /** The first fault the mock injected in the trace. */
  fault: string;
  /** App requests with this fault in their trace. */
  requests: number;
  /** Provider calls that carried the fault (a retrying app can meet more than one). */
  injectedCalls: number;
  /** A complete 2xx to the app's user, and a provider call after every fault succeeded. */
  absorbed: number;
  /** A 2xx that broke off, or that the app completed without a successful call after the fault. */
  degraded: number;
  /** An error status, a timeout or a dropped connection reached the user. */
  surfaced: number;
  /** Median extra latency of the absorbed ones over the endpoint's fault-free successes, ms. */
  absorbedExtraMsP50: number | null;
  /** Up to three trace ids per outcome, for the trace view. */
  examples: { absorbed: string[]; degraded: string[]; surfaced: string[] };
}

/** What the user of one faulted app request got. */
export type Fate = 'absorbed' | 'degraded' | 'surfaced';

const EXAMPLES = 3;

/** Did the faulted call still deliver, or a provider call that started after it ended succeed? */
const recoveredFrom = (fault: Call, calls: readonly Call[]) =>
  fault.delivered || calls.some((c) => c !== fault && c.delivered && c.startMs >= fault.endMs);

/** The fate of one app request whose trace holds an injected fault. */
export function fateOf(r: AppRequest): Fate {
  if (!r.ok) return r.errorClass === 'stream_cut' ? 'degraded' : 'surfaced';
  const faulted = r.calls.filter((c) => c.fault);
  return faulted.every((f) => recoveredFrom(f, r.calls)) ? 'absorbed' : 'degraded';
}

/** The resilience rows of one endpoint, one per first fault kind. */
export function resilienceRows(endpoint: string, rs: readonly AppRequest[]): ResilienceRow[] {
  const clean = rs.filter((r) => r.ok && !r.calls.some((c) => c.fault)).map((r) => r.latencyMs);
  const baseline = percentile(clean, 50);
  const byFault = new Map<string, AppRequest[]>();
  for (const r of rs) {
    const fault = r.calls.find((c) => c.fault)?.fault;
    if (fault === undefined) continue;
    const list = byFault.get(fault);
    if (list) list.push(r);
    else byFault.set(fault, [r]);
  }
  return [...byFault].map(([fault, hit]) => {
    const row: ResilienceRow = {
      endpoint,
      fault,
      requests: hit.length,
      injectedCalls: hit.reduce((a, r) => a + r.calls.filter((c) => c.fault).length, 0),
      absorbed: 0,
      degraded: 0,
      surfaced: 0,
      absorbedExtraMsP50: null,
      examples: { absorbed: [], degraded: [], surfaced: [] },
    };
    const extra: number[] = [];
    for (const r of hit) {
      const fate = fateOf(r);
      row[fate]++;
      if (row.examples[fate].length < EXAMPLES) row.examples[fate].push(r.traceId);
      if (fate === 'absorbed' && baseline !== null) extra.push(r.latencyMs - baseline);
    }
    row.absorbedExtraMsP50 = percentile(extra, 50);
    return row;
  });
}
