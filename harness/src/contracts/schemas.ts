/**
 * zod schemas of the harness API's responses: what the typed client checks every answer against
 * (and the route-map test checks the real server against). Each schema `satisfies` the TypeScript
 * type the server builds, so the two cannot drift apart silently. Every response is checked whole;
 * the run report's schema lives in `report.ts`, the comparison's in `compare.ts`.
 */

import type { Stats as MockProviderStats } from 'mock-providers';
import { z } from 'zod';
import type { PatternStats } from '../queries/pattern-stats';
import type { SeriesPoint } from '../queries/run-series';
import type { SpanHit } from '../queries/span-search';
import type { TraceHit, TraceSpan } from '../queries/traces';
import type { RunRecord } from '../runs/registry';
import type { SpanWriterStats } from '../store/span-writer';
import type { HealthResponse, SqlResponse } from './api';
import type { LiveTick, MockSettings, RunInfo, RunSettings, SecondTimings } from './live';

export { comparisonSchema as comparison } from './compare';

const nullableNumber = z.number().nullable();
const counts = z.record(z.string(), z.number());

/** `RunInfo`: a run as listed. */
export const runInfo = z.object({
  runId: z.string(),
  scenario: z.string(),
  engine: z.enum(['builtin', 'k6']),
  target: z.enum(['builtin', 'url']),
  status: z.enum(['running', 'completed', 'failed', 'aborted']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  thresholdsPassed: z.boolean().nullable(),
}) satisfies z.ZodType<RunInfo>;

const latencyTriple = z.object({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber });
const ttftPair = z.object({ p50: nullableNumber, p95: nullableNumber });

/** Latency and TTFT of one population of one second (whole run or a pattern). */
const secondTimings = z.object({
  n: z.number(),
  latencyMs: latencyTriple,
  ttftMs: ttftPair,
}) satisfies z.ZodType<SecondTimings>;

/** `LiveTick`: one second of a running run. */
export const liveTick = z.object({
  runId: z.string(),
  t: z.number(),
  warmup: z.boolean(),
  targetRpm: z.number(),
  achievedRpm: z.number(),
  ok: z.number(),
  errorsByClass: counts,
  dropped: z.number(),
  latencyMs: latencyTriple,
  ttftMs: ttftPair,
  byPattern: z.record(z.string(), secondTimings),
  retries: z.number(),
  tokensPerSec: z.number(),
  costPerMin: z.number(),
  inFlight: z.number(),
  queueDepth: z.number(),
  breakers: z.record(z.string(), z.string()),
  totals: z.object({
    scheduled: z.number(),
    ok: z.number(),
    errors: z.number(),
    dropped: z.number(),
    costUsd: z.number(),
  }),
  measured: z.object({
    ok: z.number(),
    errors: z.number(),
    dropped: z.number(),
    errorRate: nullableNumber,
    latencyMs: latencyTriple,
    ttftMs: ttftPair,
    costUsd: z.number(),
    costPer1k: nullableNumber,
  }),
  final: z.boolean().exactOptional(),
}) satisfies z.ZodType<LiveTick>;

/** The span pipeline's counters (`GET /api/health`). */
const spanWriterStats = z.object({
  received: z.number(),
  exported: z.number(),
  dropped: z.number(),
  retried: z.number(),
  failedInserts: z.number(),
  queued: z.number(),
  capacity: z.number(),
  consecutiveFailures: z.number(),
  lastError: z.string().nullable(),
}) satisfies z.ZodType<SpanWriterStats>;

/** `GET /api/health`. */
export const healthResponse = z.object({
  ok: z.boolean(),
  store: z.enum(['embedded', 'server']),
  version: z.string(),
  spans: spanWriterStats,
  otlp: z.object({ requests: z.number(), spans: z.number(), rejected: z.number() }).exactOptional(),
}) satisfies z.ZodType<HealthResponse>;

/** `POST /api/sql`. */
export const sqlResponse = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())),
  rowCount: z.number(),
  truncated: z.boolean(),
  elapsedMs: z.number(),
}) satisfies z.ZodType<SqlResponse>;

/** `GET /api/scenarios` entry. */
export const scenarioInfo = z.object({
  name: z.string(),
  description: z.string(),
  patterns: z.array(z.string()),
  stages: z.array(z.object({ duration: z.string(), target: z.number() })),
  target: z.string(),
});
/** A scenario as the API lists it. */
export type ScenarioInfo = z.infer<typeof scenarioInfo>;

/** `GET /api/mock/profiles` entry. */
export const faultProfile = z.object({
  name: z.string(),
  description: z.string(),
  faults: counts,
});
/** One of the mock's fault profiles. */
export type FaultProfile = z.infer<typeof faultProfile>;

/** `GET /api/mock/stats`: the mock's `GET /__admin/stats`, forwarded as is. */
export const mockStats = z.object({
  requests: z.number(),
  byStatus: counts,
  byFault: counts,
  byRoute: counts,
}) satisfies z.ZodType<MockProviderStats>;
/** The mock's request counters. */
export type MockStats = z.infer<typeof mockStats>;

/** Per-model rate-limit overrides as the mock reports them: `{ "<provider>/<model>": { rpm?, tpm?, … } }`. */
const rateLimitOverrides = z.record(z.string(), z.record(z.string(), z.number()));

/** `GET|PUT /api/mock/config`: the mock's effective settings. */
export const mockSettings = z.object({
  profile: z.union([z.string(), z.record(z.string(), z.unknown())]),
  seed: z.number(),
  timeScale: z.number(),
  /** `published`, `off`, a tier preset, or per-model overrides. */
  rateLimits: z.union([z.string(), rateLimitOverrides]),
}) satisfies z.ZodType<MockSettings>;

/** `POST /api/mock/reset`: the mock's `POST /__admin/reset` answer. */
export const mockReset = z.object({ ok: z.literal(true) });
/** What resetting the mock answers. */
export type MockResetResponse = z.infer<typeof mockReset>;

/** `RunSettings`: what a run ran on, as its registry record keeps it. */
export const runSettings = z.object({
  mock: mockSettings.nullable(),
  client: z.record(z.string(), z.unknown()).nullable(),
  mockChanges: z.array(z.object({ at: z.string(), settings: mockSettings })).exactOptional(),
}) satisfies z.ZodType<RunSettings>;

/**
 * `GET /api/runs/:id` `run`: the registry record, merged with the run as listed while it runs
 * (which adds `target`).
 */
export const runRecord = z.object({
  runId: z.string(),
  scenario: z.string(),
  engine: z.enum(['builtin', 'k6']),
  status: z.enum(['running', 'completed', 'failed', 'aborted']),
  seed: z.number(),
  gitVersion: z.string(),
  /** The scenario as run (after CLI overrides). */
  config: z.unknown(),
  settings: runSettings.nullable(),
  /** The run's summary; empty while running. */
  summary: z.unknown(),
  thresholdsPassed: z.boolean().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  target: z.enum(['builtin', 'url']).exactOptional(),
}) satisfies z.ZodType<RunRecord>;

/** `GET /api/traces` hit. */
export const traceHit = z.object({
  traceId: z.string(),
  timestamp: z.string(),
  runId: z.string(),
  pattern: z.string(),
  provider: z.string(),
  model: z.string(),
  outcome: z.string(),
  errorClass: z.string(),
  latencyMs: z.number(),
  costUsd: z.number(),
  retries: z.number(),
}) satisfies z.ZodType<TraceHit>;

/** `GET /api/spans` hit. */
export const spanHit = z.object({
  traceId: z.string(),
  timestamp: z.string(),
  service: z.string(),
  name: z.string(),
  durationMs: z.number(),
  status: z.string(),
  matches: z.number(),
}) satisfies z.ZodType<SpanHit>;

/** One span of `GET /api/traces/:id`. */
export const traceSpan = z.object({
  spanId: z.string(),
  parentSpanId: z.string(),
  name: z.string(),
  kind: z.string(),
  service: z.string(),
  startNs: z.string(),
  durationNs: z.string(),
  status: z.string(),
  statusMessage: z.string(),
  attributes: z.record(z.string(), z.string()),
  events: z.array(z.object({ name: z.string(), timeNs: z.string() })),
}) satisfies z.ZodType<TraceSpan>;

/** One second of `GET /api/runs/:id/series`. */
export const seriesPoint = z.object({
  t: z.number(),
  warmup: z.boolean(),
  requests: z.number(),
  ok: z.number(),
  errors: z.number(),
  dropped: z.number(),
  errorsByClass: counts,
  p50: nullableNumber,
  p95: nullableNumber,
  p99: nullableNumber,
  ttftP50: nullableNumber,
  ttftP95: nullableNumber,
  byPattern: z.record(z.string(), secondTimings),
  costUsd: z.number(),
  tokensOut: z.number(),
  retries: z.number(),
  targetRpm: nullableNumber,
  inFlight: nullableNumber,
  queueDepth: nullableNumber,
}) satisfies z.ZodType<SeriesPoint>;

/** One pattern of `GET /api/patterns`. */
export const patternStats = z.object({
  pattern: z.string(),
  requests: z.number(),
  ok: z.number(),
  errors: z.number(),
  dropped: z.number(),
  errorRate: nullableNumber,
  avgLatencyMs: nullableNumber,
  p95LatencyMs: nullableNumber,
  ttftP50Ms: nullableNumber,
  costUsd: z.number(),
  costPer1k: nullableNumber,
  wastedUsd: z.number(),
  retries: z.number(),
}) satisfies z.ZodType<PatternStats>;
