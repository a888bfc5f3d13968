import { z } from 'zod';
import { ERROR_CLASSES, type ErrorClass } from './error-class';
import { PROVIDERS } from './types';

const provider = z.enum(PROVIDERS);

/** Error classes that send a call to its fallback target unless told otherwise. */
export const DEFAULT_FALLBACK_ON: readonly ErrorClass[] = [
  'overloaded',
  'server_error',
  'rate_limit',
  'breaker_open',
  'timeout',
];
const onOff = <T extends z.ZodRawShape>(shape: T) => z.union([z.literal(false), z.object(shape).strict()]);

/** Resilience and throughput settings of the instrumented client; every policy can be switched off. */
export const clientConfigSchema = z
  .object({
    /** Keep-alive connection pooling (off = a TCP connect per request). */
    pooling: z.boolean().default(true),
    retry: onOff({
      maxRetries: z.number().int().min(0).max(10).default(3),
      baseDelayMs: z.number().min(0).default(500),
      maxDelayMs: z.number().min(0).default(8_000),
      /**
       * Server-advised waits above this are not slept: the call fails (or falls back) instead.
       * Advice over 60 s is ignored (backoff applies) and `x-should-retry: true` overrides this.
       */
      maxRetryAfterMs: z.number().min(0).default(30_000),
    }).default({ maxRetries: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 }),
    breaker: onOff({
      /** Open after this many failures in a row (used when no `failureRatio` is given). */
      consecutiveFailures: z.number().int().min(1).default(5),
      /** Or: open when this share of calls fails within `samplingMs` (cockatiel SamplingBreaker). */
      failureRatio: z.number().min(0).max(1).optional(),
      samplingMs: z.number().positive().default(10_000),
      minThroughput: z.number().int().min(1).default(10),
      halfOpenAfterMs: z.number().min(0).default(5_000),
    }).default({ consecutiveFailures: 5, samplingMs: 10_000, minThroughput: 10, halfOpenAfterMs: 5_000 }),
    timeout: z
      .object({
        /** Whole logical call, retries and fallbacks included. */
        totalMs: z.number().positive().default(120_000),
        /** One attempt. */
        attemptMs: z.number().positive().default(60_000),
        /** Longest silence between stream chunks before the stream counts as stalled (seed: >30 s). */
        idleMs: z.number().positive().default(30_000),
      })
      .strict()
      .default({ totalMs: 120_000, attemptMs: 60_000, idleMs: 30_000 }),
    bulkhead: onOff({
      maxConcurrent: z.number().int().min(1).default(256),
      /** Calls waiting for a slot; a full queue rejects with `queue_full` (backpressure). */
      queue: z.number().int().min(0).default(1_024),
    }).default({ maxConcurrent: 256, queue: 1_024 }),
    /** Tried in order when the primary fails with one of `on`. */
    fallback: z
      .array(
        z
          .object({
            provider,
            model: z.string().min(1),
            on: z
              .array(z.enum(ERROR_CLASSES))
              .default(['overloaded', 'server_error', 'rate_limit', 'breaker_open', 'timeout']),
          })
          .strict(),
      )
      .default([]),
    routing: onOff({
      /** Inputs up to this many characters count as short/classification work. */
      maxInputChars: z.number().int().min(1).default(400),
      models: z.record(provider, z.string()).default({
        openai: 'gpt-4o-mini',
        anthropic: 'claude-3-5-haiku-20241022',
        gemini: 'gemini-2.5-flash',
      }),
    }).default(false),
    cache: onOff({ maxEntries: z.number().int().min(1).default(10_000) }).default(false),
    /** Batch pattern: collect this many requests or wait this long, then submit one provider batch. */
    batchAggregation: z
      .object({
        maxItems: z.number().int().min(1).max(50_000).default(50),
        maxWaitMs: z.number().min(0).default(2_000),
        pollIntervalMs: z.number().min(10).default(1_000),
      })
      .strict()
      .default({ maxItems: 50, maxWaitMs: 2_000, pollIntervalMs: 1_000 }),
  })
  .strict();

/** Client settings as written in a scenario (defaults filled in). */
export type ClientConfig = z.infer<typeof clientConfigSchema>;
export type ClientConfigInput = z.input<typeof clientConfigSchema>;

/** Defaults: retries, breaker, timeouts and bulkhead on; routing and cache off; pooling on. */
export const DEFAULT_CLIENT_CONFIG: ClientConfig = clientConfigSchema.parse({});
