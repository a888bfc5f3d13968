/**
 * `GET /api/runs/:id/instrument`: the run's "Instrument error" section (the dashboard's panel and
 * every report read the same stored figures). Null for a run that could not measure it.
 */
import { z } from 'zod';
import type { Distribution } from '../driver/stats';
import type { InstrumentError } from '../runs/instrument/instrument-error';
import type { LoopDelay } from '../runs/instrument/loop-delay';

const nullableNumber = z.number().nullable();

export { INSTRUMENT_LIMITS } from './instrument-limits';

/** A distribution of raw per-request values (the metrics module's `Distribution`). */
export const distributionSchema = z.object({
  count: z.number().int().min(0),
  min: nullableNumber,
  max: nullableNumber,
  avg: nullableNumber,
  p50: nullableNumber,
  p90: nullableNumber,
  p95: nullableNumber,
  p99: nullableNumber,
}) satisfies z.ZodType<Distribution>;

/** One event loop's delay over the measured window (older runs lack the CPU figures). */
const loopDelay = z.object({
  name: z.string(),
  samples: z.number(),
  p50: nullableNumber,
  p99: nullableNumber,
  max: nullableNumber,
  mean: nullableNumber,
  cpuCores: z.number().optional(),
  machineLoad: z.number().optional(),
}) as z.ZodType<LoopDelay>;

/** The section itself. */
export const instrumentErrorSchema = z.object({
  compared: z.number().int().min(0),
  ttftError: distributionSchema,
  e2eError: distributionSchema,
  mockLateness: distributionSchema,
  loops: z.array(loopDelay),
  unreliable: z.boolean(),
  reasons: z.array(z.string()),
  notCompared: z.string().exactOptional(),
}) satisfies z.ZodType<InstrumentError>;

/** The section as the dashboard reads it. */
export type InstrumentSection = z.infer<typeof instrumentErrorSchema>;
