/**
 * `GET /api/runs/:id/report` (JSON): the whole run report as a zod schema, checked against the
 * `RunReport` the server builds (`satisfies`), so a report that drifts from its type fails the
 * contract. Extra keys are tolerated (stripped), never required.
 */
import { z } from 'zod';
import type { RunReport } from '../runs/report/report-data';
import { distributionSchema as distribution, instrumentErrorSchema } from './instrument';
import { runSettings } from './schemas';

const nullableNumber = z.number().nullable();
const counts = z.record(z.string(), z.number());

/** The driver's `Accounting` of scheduled requests. */
const accounting = z.object({
  scheduled: z.number(),
  ok: z.number(),
  errors: z.number(),
  dropped: z.number(),
  inFlightAtStop: z.number(),
  notStarted: z.number(),
});

/** The metrics module's `MetricSet` of one pattern. */
const patternLine = z.object({
  pattern: z.string(),
  requests: z.number(),
  ok: z.number(),
  errors: z.number(),
  dropped: z.number(),
  errorRate: nullableNumber,
  errorsByClass: counts,
  latency: distribution,
  ttft: distribution,
  costUsd: z.number(),
  costPer1k: nullableNumber,
  wastedUsd: z.number(),
  retries: z.number(),
});

const bucketPercentiles = z.object({ p50: nullableNumber, p95: nullableNumber, p99: nullableNumber });

/** One second of the driver's time series (`SecondStats`). */
const secondStats = z.object({
  second: z.number(),
  warmup: z.boolean(),
  requested: z.number(),
  achieved: z.number(),
  ok: z.number(),
  errors: counts,
  dropped: z.number(),
  latency: bucketPercentiles,
  ttft: bucketPercentiles,
});

/** One stage of the rate curve (`StageSummary`). */
const stageSummary = z.object({
  stage: z.number(),
  startMs: z.number(),
  endMs: z.number(),
  fromRpm: z.number(),
  toRpm: z.number(),
  requested: z.number(),
  scheduled: z.number(),
  sent: z.number(),
  ok: z.number(),
  errors: z.number(),
  dropped: z.number(),
});

const threshold = z.object({
  metric: z.string(),
  expression: z.string(),
  observed: nullableNumber,
  pass: z.boolean(),
  verdict: z.enum(['pass', 'FAIL', 'no data']),
});

const retryCount = z.object({
  total: z.number(),
  sdkReported: z.number(),
  inferred: z.number(),
  callsWithCount: z.number(),
});

/** The app section of a URL-target run (`AppSection`). */
const appSection = z.object({
  services: z.array(z.string()),
  requests: z.number(),
  joined: z.number(),
  endpoints: z.array(
    z.object({
      endpoint: z.string(),
      pattern: z.string(),
      requests: z.number(),
      ok: z.number(),
      errors: z.number(),
      latency: distribution,
      ttfb: distribution,
      providerCalls: z.object({
        total: z.number(),
        perRequest: distribution,
        failed: z.number(),
        retries: z.number(),
        retryCount,
      }),
      costUsd: nullableNumber,
      costPerRequestUsd: nullableNumber,
    }),
  ),
  resilience: z.array(
    z.object({
      endpoint: z.string(),
      fault: z.string(),
      requests: z.number(),
      injectedCalls: z.number(),
      absorbed: z.number(),
      degraded: z.number(),
      surfaced: z.number(),
      absorbedExtraMsP50: nullableNumber,
      examples: z.object({
        absorbed: z.array(z.string()),
        degraded: z.array(z.string()),
        surfaced: z.array(z.string()),
      }),
    }),
  ),
  costUsd: nullableNumber,
});

/** k6's own key figures of a k6 run (`K6Figures`). */
const k6Figures = z.object({
  source: z.literal('k6'),
  population: z.string(),
  exitCode: z.number(),
  thresholdsPassed: z.boolean(),
  iterations: nullableNumber,
  httpReqs: nullableNumber,
  droppedIterations: nullableNumber,
  vusMax: nullableNumber,
  checks: z.object({ rate: z.number(), passes: z.number(), fails: z.number() }).nullable(),
  httpReqDuration: z
    .object({
      avg: nullableNumber,
      p50: nullableNumber,
      p90: nullableNumber,
      p95: nullableNumber,
      p99: nullableNumber,
      max: nullableNumber,
    })
    .nullable(),
});

const cdf = z.array(z.tuple([z.number(), z.number()]));

const notableRequest = z.object({
  traceId: z.string(),
  t: z.number(),
  outcome: z.string(),
  errorClass: z.string(),
  latencyMs: z.number(),
  ttftMs: nullableNumber,
});

/** Per-pattern charts and request lists (`PatternDetail`). */
const patternDetail = z.object({
  pattern: z.string(),
  series: z.array(
    z.object({
      t: z.number(),
      latencyP50: nullableNumber,
      latencyP95: nullableNumber,
      ttftP50: nullableNumber,
    }),
  ),
  latencyCdf: cdf,
  ttftCdf: cdf,
  slowest: z.array(notableRequest),
  failed: z.array(notableRequest),
  failedTotal: z.number(),
});

/** The whole report. */
export const runReport = z.object({
  runId: z.string(),
  scenario: z.string(),
  engine: z.string(),
  status: z.string(),
  gitVersion: z.string(),
  seed: z.number(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  measuredSeconds: z.number(),
  failure: z.string().nullable(),
  settings: runSettings.nullable(),
  accounting: accounting.extend({ identityHolds: z.boolean() }),
  totals: accounting,
  requestedRpm: z.number(),
  achievedRpm: z.number(),
  lateness: z.object({
    p50: nullableNumber,
    p99: nullableNumber,
    max: nullableNumber,
    unreliable: z.boolean(),
  }),
  latency: distribution,
  ttft: distribution,
  errorsByClass: counts,
  errorRate: nullableNumber,
  patterns: z.array(patternLine),
  cost: z.object({
    totalUsd: z.number(),
    per1kRequests: nullableNumber,
    perDayAtRunRate: nullableNumber,
    expectedPerDay: nullableNumber,
    wastedUsd: z.number(),
    priceTableDate: z.string(),
  }),
  timeSeries: z.array(secondStats),
  perStage: z.array(stageSummary),
  thresholds: z.array(threshold),
  passed: z.boolean().nullable(),
  verdict: z.enum(['PASS', 'FAIL', 'NO DATA']).nullable(),
  store: z.object({
    spans: z.number(),
    ok: z.number(),
    errors: z.number(),
    dropped: z.number(),
    reconciled: z.boolean(),
  }),
  fidelity: z.object({ injected: counts, observed: counts }),
  confusion: z.array(z.object({ injected: z.string(), observed: z.string(), requests: z.number() })),
  instrument: instrumentErrorSchema.nullable(),
  app: appSection.nullable(),
  k6: k6Figures.nullable(),
  detail: z.array(patternDetail),
  windows: z.array(
    z.object({ name: z.string(), kind: z.enum(['warmup', 'fault']), from: z.number(), until: z.number() }),
  ),
}) satisfies z.ZodType<RunReport>;
