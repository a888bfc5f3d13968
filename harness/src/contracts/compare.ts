/**
 * `GET /api/compare` and `harness compare --json`: a baseline run against N candidate runs, each
 * metric with a confidence interval of its delta, so a difference inside the noise reads
 * "no significant change".
 */
import { z } from 'zod';

/** A compared run and how many per-request samples of its measured window the comparison used. */
export const compareRunSchema = z.object({
  runId: z.string(),
  scenario: z.string(),
  engine: z.string(),
  /** Requests of the measured window (warm-up excluded) with a verdict (ok, error, dropped). */
  samples: z.number().int().nonnegative(),
});

/** What a comparison concludes about one metric. */
export const verdictSchema = z.enum(['better', 'worse', 'no significant change', 'no data']);

/** One metric of one candidate against the baseline, overall or for one pattern. */
export const compareMetricSchema = z.object({
  name: z.string(),
  /** Absent for a run-wide metric. */
  pattern: z.string().optional(),
  /** Which candidate run this row is about. */
  candidateRun: z.string(),
  unit: z.enum(['ms', 'usd', 'rate']),
  better: z.enum(['lower', 'higher']),
  baseline: z.number().nullable(),
  candidate: z.number().nullable(),
  /** candidate − baseline. */
  delta: z.number().nullable(),
  /** 95 % interval of the delta: bootstrap (percentiles, cost) or Newcombe/Wilson (rates). */
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** The interval excludes 0. */
  significant: z.boolean(),
  verdict: verdictSchema,
  /** Samples behind each side (requests sent, or with a TTFT, or scheduled for the drop rate). */
  samples: z.object({ baseline: z.number().int(), candidate: z.number().int() }),
});

/** One setting (mock or client, effective as recorded) in which a candidate differs from the baseline. */
export const settingDifferenceSchema = z.object({
  candidateRun: z.string(),
  /** e.g. `mock.timeScale`, `client.retry.maxRetries`. */
  setting: z.string(),
  baseline: z.string(),
  candidate: z.string(),
});

/** The whole comparison. */
export const comparisonSchema = z.object({
  baseline: compareRunSchema,
  candidates: z.array(compareRunSchema),
  metrics: z.array(compareMetricSchema),
  /** The runs differ in scenario, engine, mock or client settings: their numbers may not be comparable. */
  warnings: z.array(z.string()),
  /** Each differing setting, by candidate (the detail behind the settings warnings). */
  settingsDiffer: z.array(settingDifferenceSchema),
});

/** `GET /api/compare` query: `baseline` and comma-separated `candidates` (or legacy `a`/`b`). */
export const compareQuerySchema = z.object({
  baseline: z.string().optional(),
  candidates: z.string().optional(),
  a: z.string().optional(),
  b: z.string().optional(),
  strict: z.enum(['0', '1', 'true', 'false']).optional(),
  format: z.enum(['json', 'md']).optional(),
});

export type CompareRun = z.infer<typeof compareRunSchema>;
export type CompareMetric = z.infer<typeof compareMetricSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type SettingDifferenceOf = z.infer<typeof settingDifferenceSchema>;
