import type { ResilienceRow } from './app-types';

/** One bar of the resilience chart: an endpoint and fault, its requests split by fate. */
export interface ResilienceBar {
  label: string;
  absorbed: number;
  degraded: number;
  surfaced: number;
  requests: number;
}

/** The fates in the order the chart stacks them (good → bad). */
export const FATES = ['absorbed', 'degraded', 'surfaced'] as const;

/**
 * The resilience rows as bars, `POST /chat · rate_limit`, in the table's order. The three fates
 * always add up to the row's requests: a bar's length is the faulted requests.
 */
export function resilienceBars(rows: readonly ResilienceRow[]): ResilienceBar[] {
  return rows.map((r) => ({
    label: `${r.endpoint} · ${r.fault}`,
    absorbed: r.absorbed,
    degraded: r.degraded,
    surfaced: r.surfaced,
    requests: r.requests,
  }));
}

/** Share of a row's requests the app absorbed, 0–1 (null when none were faulted). */
export function absorbedShare(r: Pick<ResilienceRow, 'absorbed' | 'requests'>): number | null {
  return r.requests > 0 ? r.absorbed / r.requests : null;
}
