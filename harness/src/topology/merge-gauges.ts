/**
 * One client's gauges over the client workers: the live view shows one queue and one breaker per
 * provider/model, whichever worker holds them.
 */
import type { BreakerStateName } from '../client/policies/breakers';
import type { ClientGaugeReport } from './client-worker-messages';

/** Breaker states from worst to best: a provider/model shows its worst state over the workers. */
const SEVERITY: readonly string[] = [
  'open',
  'isolated',
  'half-open',
  'closed',
  'off',
] satisfies readonly BreakerStateName[];

/** Rank of a state; one this list does not know ranks below every known one (never hides them). */
const rank = (state: string) => {
  const i = SEVERITY.indexOf(state);
  return i === -1 ? SEVERITY.length : i;
};

/**
 * Merge the client `name`'s gauges over the workers' last reports (a missing report or client
 * counts as nothing): queue depth summed, breaker states the worst per provider/model.
 */
export function mergeGauges(
  reports: ReadonlyArray<ClientGaugeReport | undefined>,
  name: string,
): { queueDepth: number; breakers: Record<string, string> } {
  let queueDepth = 0;
  const breakers: Record<string, string> = {};
  for (const report of reports) {
    const g = report?.[name];
    if (!g) continue;
    queueDepth += g.queueDepth;
    for (const [key, state] of Object.entries(g.breakers)) {
      const seen = breakers[key];
      if (seen === undefined || rank(state) < rank(seen)) breakers[key] = state;
    }
  }
  return { queueDepth, breakers };
}
