/**
 * socket.io events between the harness and the dashboard: the one definition both sides import
 * (`import type`). Payloads are plain JSON.
 */
import type { SecondTimings } from '../metrics/second-timings';

export type { SecondTimings };

/** Run lifecycle states. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'aborted';

/** A run as listed to the dashboard. */
export interface RunInfo {
  runId: string;
  scenario: string;
  engine: 'builtin' | 'k6';
  /** What the scenario drove: the built-in client, or a URL (the user's own app). */
  target: 'builtin' | 'url';
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  thresholdsPassed: boolean | null;
}

/** One second of a running run: what every live panel plots. */
export interface LiveTick {
  runId: string;
  /** The second these figures describe (seconds since the run started; the one that just ended). */
  t: number;
  /** The second lies in the warm-up (plotted, marked; excluded from `measured`). */
  warmup: boolean;
  /** The scenario's planned rate in this second (its rate curve), per minute. */
  targetRpm: number;
  achievedRpm: number;
  ok: number;
  errorsByClass: Record<string, number>;
  dropped: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  ttftMs: { p50: number | null; p95: number | null };
  /** Latency and TTFT of the requests that finished in this second, per pattern. */
  byPattern: Record<string, SecondTimings>;
  retries: number;
  tokensPerSec: number;
  /** USD spent in this second, extrapolated per minute. */
  costPerMin: number;
  inFlight: number;
  /** Calls waiting in the client's bulkhead queue. */
  queueDepth: number;
  /** Circuit breaker state per provider/model. */
  breakers: Record<string, string>;
  /** Totals so far, warm-up included (what the driver has done). */
  totals: { scheduled: number; ok: number; errors: number; dropped: number; costUsd: number };
  /**
   * The results so far: the measured window only (warm-up excluded), computed by the same metrics
   * module as the report, so the final tick's figures equal the report's to the last digit.
   */
  measured: MeasuredFigures;
  /** The last tick of a run, sent after its last request ended. */
  final?: boolean;
}

/** Run-wide results of the measured window (see `LiveTick.measured`). */
export interface MeasuredFigures {
  ok: number;
  errors: number;
  dropped: number;
  errorRate: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  ttftMs: { p50: number | null; p95: number | null };
  costUsd: number;
  costPer1k: number | null;
}

/** The span pipeline's health, so a store outage shows on the dashboard. */
export interface SpanHealth {
  received: number;
  exported: number;
  dropped: number;
  queued: number;
  retried: number;
  consecutiveFailures: number;
  lastError: string | null;
}

/** The mock's current settings. */
export interface MockSettings {
  /** A built-in profile's name, or an inline profile (`{ faults, signals? }`) set through the admin API. */
  profile: string | Record<string, unknown>;
  seed: number;
  timeScale: number;
  rateLimits: unknown;
}

/**
 * What a run ran on, as the registry stores it: the mock's effective settings (what
 * `GET /__admin/config` answered after the run applied its scenario's settings; null when the run
 * had no mock admin to apply them to) and the instrumented client's effective settings.
 */
export interface RunSettings {
  mock: MockSettings | null;
  client: Record<string, unknown> | null;
  /** Live changes of the mock's settings (dashboard, `PUT /api/mock/config`) while the run ran. */
  mockChanges?: { at: string; settings: MockSettings }[];
}

/** Server → dashboard. */
export interface ServerToClientEvents {
  'run:started': (run: RunInfo) => void;
  'run:tick': (tick: LiveTick) => void;
  'run:finished': (run: RunInfo) => void;
  'spans:health': (health: SpanHealth) => void;
  'mock:config': (settings: MockSettings) => void;
}

/** Dashboard → server. */
export interface ClientToServerEvents {
  /** Ask for the current state (active runs, last ticks) after a (re)connect. */
  hello: (reply: (state: { runs: RunInfo[]; ticks: LiveTick[] }) => void) => void;
}
