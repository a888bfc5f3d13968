/**
 * The pieces of a URL-target run's traces the app section reasons about: the spans as the store
 * returns them, one provider call (a mock ground-truth span) and one app request (a driver span
 * with the calls inside its trace).
 */
import { billedCost } from '../../metrics/provider-call-cost';

/** One span of a run's traces, as the store query returns it (times in ms since epoch). */
export interface TraceSpan {
  traceId: string;
  service: string;
  kind: string;
  name: string;
  startMs: number;
  durationMs: number;
  attrs: {
    pattern?: string;
    outcome?: string;
    errorClass?: string;
    ttfbMs?: number;
    httpStatus?: string;
    faultKind?: string;
    model?: string;
    inputTokens?: number;
    outputTokens?: number;
    /** `mock.response = none`: the mock held the connection and sent nothing (`timeout`). */
    noResponse?: boolean;
    /** `mock.request.retry_count`: the client's own attempt number (`x-stainless-retry-count`). */
    retryCount?: number;
    /** `mock.stream.outcome`: `complete`, `dropped`, `ended_early` or `cancelled` (streams only). */
    streamOutcome?: string;
  };
}

/** One provider call inside an app request's trace: the mock's ground truth of it. */
export interface Call {
  /** Route, model and prompt size: what a retry repeats of its failed call. */
  key: string;
  startMs: number;
  endMs: number;
  /**
   * A fault was injected (other than a stall the app waited out), no response was sent, or the
   * status was 4xx/5xx.
   */
  failed: boolean;
  /**
   * The whole answer reached the app: a 2xx, no stream cut short, and no fault — or only a delay
   * (`sse_stall`) the app waited out to the stream's end.
   */
  delivered: boolean;
  fault: string | undefined;
  cost: number | undefined;
  /** The SDK's attempt number (0 = first attempt); `undefined` when the client sent none. */
  retryCount: number | undefined;
}

/** One measured driver request to the app, with the provider calls of its trace in start order. */
export interface AppRequest {
  traceId: string;
  endpoint: string;
  pattern: string;
  /** The driver got a complete 2xx answer. */
  ok: boolean;
  errorClass: string | undefined;
  latencyMs: number;
  ttfbMs: number | undefined;
  calls: Call[];
}

/** The provider call a mock ground-truth span records. */
export function callOf(s: TraceSpan): Call {
  const status = Number(s.attrs.httpStatus ?? 0);
  const whole = s.attrs.streamOutcome === undefined || s.attrs.streamOutcome === 'complete';
  // A stall the app waited out to the stream's end delivered the whole answer, late: not a failure.
  const delayOnly = s.attrs.faultKind === 'sse_stall' && s.attrs.streamOutcome === 'complete';
  const failed =
    (s.attrs.faultKind !== undefined && !delayOnly) || s.attrs.noResponse === true || status >= 400;
  const usage = { inputTokens: s.attrs.inputTokens ?? 0, outputTokens: s.attrs.outputTokens ?? 0 };
  return {
    key: `${s.name} ${s.attrs.model ?? ''} ${s.attrs.inputTokens ?? ''}`,
    startMs: s.startMs,
    endMs: s.startMs + s.durationMs,
    failed,
    delivered: !s.attrs.noResponse && status > 0 && status < 400 && whole && !failed,
    fault: s.attrs.faultKind,
    cost: billedCost(status, s.attrs.model ?? '', usage),
    retryCount: s.attrs.retryCount,
  };
}
