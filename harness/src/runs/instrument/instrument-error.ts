/**
 * The instrument's own error, measured in every run: per request, what the harness reported minus
 * what the mock's ground-truth span says happened, and per loop, how late it ran its timers.
 */
import { INSTRUMENT_LIMITS } from '../../contracts/instrument-limits';
import { type Distribution, distribution } from '../../driver/stats';
import type { Store } from '../../store/client';
import type { LoopDelay } from './loop-delay';

/** A run whose schedule lateness p99 exceeds this (ms) is unreliable (metrics.md). */
export const LATENESS_LIMIT_MS = INSTRUMENT_LIMITS.latenessP99Ms;
/** A run whose TTFT error p99 exceeds this (ms) is unreliable. */
export const ERROR_LIMIT_MS = INSTRUMENT_LIMITS.errorP99Ms;

/** The "Instrument error" section of a run, stored with it and shown in every report. */
export interface InstrumentError {
  /**
   * Requests compared: measured window (warm-up excluded), ok, exactly one provider call that the
   * mock answered 200 with no fault (so one unfaulted first attempt).
   */
  compared: number;
  /**
   * Every compared request, ms. A stream: client TTFT (from the send) − the mock's actual
   * first-byte time (from arrival). A non-streamed answer: its TTFT is its e2e (metrics.md), so
   * its TTFT error is its e2e error.
   */
  ttftError: Distribution;
  /**
   * Driver e2e latency (from the send, so lateness excluded) − the mock span's duration, ms. Shown,
   * not judged on its own: for a stream it sums the lag of every chunk to the last (seconds of
   * stream), and for a non-streamed answer it is already the TTFT error.
   */
  e2eError: Distribution;
  /** The mock's own lateness: its actual first byte − its designed delay, ms. */
  mockLateness: Distribution;
  /** Event-loop delay per process/worker over the measured window. */
  loops: LoopDelay[];
  /** True when any limit below is crossed; `reasons` says which, with the figures. */
  unreliable: boolean;
  reasons: string[];
  /** Why no request was compared with the mock's ground truth, when none could be (a URL target). */
  notCompared?: string;
}

/** One compared request, as the store joins it. */
export interface ComparedRequest {
  /** The mock streamed the answer (only then is a TTFT a first token, not the whole answer). */
  stream: boolean;
  clientTtftMs: number | null;
  clientE2eMs: number;
  mockFirstByteMs: number | null;
  mockDurationMs: number;
  mockDesignedMs: number | null;
}

/**
 * The run's compared requests: its measured, ok driver rows joined by trace id to the mock's
 * SERVER span, keeping traces with exactly one mock span, unfaulted and answered 200. The mock's
 * spans are read only in the run's time range (the table is sorted by time).
 */
export async function queryComparedRequests(store: Store, runId: string): Promise<ComparedRequest[]> {
  const r = await store.client.query({
    query: `
      SELECT d.ttft_ms - d.lateness_ms AS clientTtftMs,
             d.latency_ms - d.lateness_ms AS clientE2eMs,
             m.first_byte AS mockFirstByteMs,
             m.duration AS mockDurationMs,
             m.designed AS mockDesignedMs,
             m.stream AS stream
      FROM (SELECT TraceId, ttft_ms, lateness_ms, latency_ms FROM harness_requests
            WHERE run_id = {run:String} AND source = 'driver' AND warmup = 0 AND outcome = 'ok') AS d
      INNER JOIN (
        SELECT TraceId,
               any(toFloat64OrNull(SpanAttributes['mock.first_byte_ms'])) AS first_byte,
               any(Duration) / 1e6 AS duration,
               any(toFloat64OrNull(if(SpanAttributes['mock.stream'] = 'true',
                   SpanAttributes['mock.ttft_ms'], SpanAttributes['mock.delay_ms']))) AS designed,
               any(SpanAttributes['mock.stream'] = 'true') AS stream
        FROM otel_traces
        WHERE ServiceName = 'mock-providers' AND SpanKind = 'Server'
          AND TraceId IN (SELECT TraceId FROM harness_requests WHERE run_id = {run:String} AND source = 'driver')
          AND Timestamp >= (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String}) - INTERVAL 1 MINUTE
          AND Timestamp <= (SELECT max(Timestamp) FROM harness_requests WHERE run_id = {run:String}) + INTERVAL 15 MINUTE
        GROUP BY TraceId
        HAVING count() = 1 AND max(SpanAttributes['mock.fault.kind']) = ''
           AND max(SpanAttributes['http.response.status_code']) = '200'
      ) AS m ON d.TraceId = m.TraceId`,
    query_params: { run: runId },
    format: 'JSONEachRow',
  });
  const rows = await r.json<Record<keyof ComparedRequest, number | string | boolean | null>>();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((row) => ({
    stream: Number(row.stream) === 1 || row.stream === true,
    clientTtftMs: num(row.clientTtftMs),
    clientE2eMs: Number(row.clientE2eMs),
    mockFirstByteMs: num(row.mockFirstByteMs),
    mockDurationMs: Number(row.mockDurationMs),
    mockDesignedMs: num(row.mockDesignedMs),
  }));
}

/** The section from the compared requests, the loops and the run's schedule lateness p99. */
export function instrumentError(
  rows: readonly ComparedRequest[],
  loops: LoopDelay[],
  latenessP99: number | null,
): InstrumentError {
  const ttft: number[] = [];
  const e2e: number[] = [];
  const mockLate: number[] = [];
  for (const r of rows) {
    const e2eError = r.clientE2eMs - r.mockDurationMs;
    e2e.push(e2eError);
    if (!r.stream) ttft.push(e2eError);
    else if (r.clientTtftMs !== null && r.mockFirstByteMs !== null)
      ttft.push(r.clientTtftMs - r.mockFirstByteMs);
    if (r.mockFirstByteMs !== null && r.mockDesignedMs !== null)
      mockLate.push(r.mockFirstByteMs - r.mockDesignedMs);
  }
  const section = {
    compared: rows.length,
    ttftError: distribution(ttft),
    e2eError: distribution(e2e),
    mockLateness: distribution(mockLate),
    loops,
  };
  const reasons = unreliableReasons(latenessP99, section.ttftError.p99);
  return { ...section, unreliable: reasons.length > 0, reasons };
}

/**
 * Why a run's figures cannot be trusted, one line per limit crossed (empty: reliable): schedule
 * lateness and TTFT error, as issue 19 and metrics.md define the verdict.
 */
export function unreliableReasons(latenessP99: number | null, ttftErrorP99: number | null): string[] {
  const reasons: string[] = [];
  const f = (v: number) => `${v.toFixed(1)} ms`;
  if (latenessP99 !== null && latenessP99 > LATENESS_LIMIT_MS)
    reasons.push(`schedule lateness p99 ${f(latenessP99)} > ${LATENESS_LIMIT_MS} ms`);
  if (ttftErrorP99 !== null && ttftErrorP99 > ERROR_LIMIT_MS)
    reasons.push(`TTFT error p99 ${f(ttftErrorP99)} > ${ERROR_LIMIT_MS} ms`);
  return reasons;
}
