import type { Usage } from '../cost/cost';
import type { ClassifiedError } from './error-class';
import type { BreakerStateName } from './policies/breakers';
import type { Provider } from './types';

/** Who the call is for: run, scenario and pattern tags, the parent span, a cancel signal. */
export interface CallContext {
  runId?: string;
  scenario?: string;
  pattern?: string;
  parent?: import('@opentelemetry/api').Context;
  signal?: AbortSignal;
  /** Extra headers for every attempt (e.g. `x-mock-fault`, `x-mock-profile`). */
  headers?: Record<string, string>;
  /** Price the call at the batch discount. */
  batch?: boolean;
  /** Fallback targets for this call, instead of the client's configured chain. */
  fallback?: {
    provider: import('./types').Provider;
    model: string;
    on?: import('./error-class').ErrorClass[];
  }[];
}

/** Everything measured about one logical call, success or not. */
export interface CallMetrics {
  latencyMs: number;
  /** Time to the first content-bearing chunk from call start (= latency for non-streaming calls). */
  ttftMs: number | undefined;
  /** (e2e − TTFT) / (output tokens − 1), from provider-reported usage. */
  tpotMs: number | undefined;
  itlMeanMs: number | undefined;
  itlMaxMs: number | undefined;
  attempts: number;
  retries: number;
  retryWaitMs: number;
  queueWaitMs: number;
  /** All USD spent: the useful attempt plus wasted ones. */
  costUsd: number;
  /** USD spent on attempts that failed after consuming tokens. */
  wastedCostUsd: number;
  usage: Usage;
  usageEstimated: boolean;
  provider: Provider;
  model: string;
  fallbackUsed: boolean;
  cacheHit: boolean;
  breakerState: BreakerStateName;
}

/** A call's end: its value or its classified error, with the metrics either way. */
export type CallOutcome<T> = ({ ok: true; value: T } | { ok: false; error: ClassifiedError }) & CallMetrics;
