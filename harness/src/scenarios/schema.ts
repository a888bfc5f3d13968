/**
 * The scenario schema: the one definition of what `scenarios/*.js` may say. The type is inferred
 * from it (`Scenario`, and `ScenarioInput` for the authored form the JS files are checked against),
 * and every error names the field, so a typo in a scenario fails at load, not mid-run.
 */
import { type FaultKind, FAULT_KINDS as MOCK_FAULT_KINDS } from 'mock-providers/faults';
import { PROFILE_NAMES } from 'mock-providers/profiles';
import { z } from 'zod';
import { parseDuration } from '../../../scenarios/lib/plan.js';
import { PROVIDERS as CLIENT_PROVIDERS, OPENAI_APIS } from '../client/types';
import { PATTERN_NAMES } from '../patterns/types';
import { parseMetricKey, parseThreshold } from './thresholds';

/** Integration patterns (the `:pattern` of `/api/invoke/:pattern`): the patterns' own list. */
export const PATTERNS = PATTERN_NAMES;
/** Providers the mock serves: the client's own list. */
export const PROVIDERS = CLIENT_PROVIDERS;
/** Mock fault kinds (exact names), from the mock itself. */
export const FAULT_KINDS = MOCK_FAULT_KINDS as [FaultKind, ...FaultKind[]];
/** Mock fault profiles (built-in names), from the mock itself. */
export const MOCK_PROFILES = PROFILE_NAMES;

/** Which pattern a fault kind can apply to (others apply to any); the mock answers 400 otherwise. */
export const FAULT_PATTERN: Partial<Record<(typeof FAULT_KINDS)[number], (typeof PATTERNS)[number]>> = {
  sse_drop: 'streaming',
  sse_stall: 'streaming',
  chunk_malformed: 'streaming',
  batch_item_failure: 'batch',
  batch_partial: 'batch',
  batch_expired: 'batch',
};

const duration = z.string().superRefine((s, ctx) => {
  try {
    parseDuration(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});
const pattern = z.enum(PATTERNS);
const provider = z.enum(PROVIDERS);
const model = z.string().min(1);
const positiveInt = z.number().int().positive();

const mixItem = z
  .strictObject({
    pattern,
    weight: z.number().positive(),
    provider,
    model,
    /** The user prompt (one per request, batch items too); the pattern supplies a default when absent. */
    input: z.string().max(200_000).optional(),
    maxTokens: positiveInt.optional(),
    fallback: z.strictObject({ provider, model }).optional(),
    /** OpenAI only: `responses` calls `POST /v1/responses` instead of chat completions. */
    api: z.enum(OPENAI_APIS).optional(),
  })
  .refine((i) => i.api !== 'responses' || (i.provider === 'openai' && i.pattern !== 'batch'), {
    message: 'api "responses" needs provider "openai" and a pattern other than batch',
    path: ['api'],
  });

const client = z.strictObject({
  retry: z.union([z.boolean(), z.strictObject({ maxAttempts: positiveInt })]).optional(),
  breaker: z
    .union([
      z.boolean(),
      z.strictObject({
        failureRatio: z.number().min(0).max(1).optional(),
        halfOpenAfterMs: positiveInt.optional(),
        minThroughput: positiveInt.optional(),
      }),
    ])
    .optional(),
  timeoutMs: positiveInt.optional(),
  idleTimeoutMs: positiveInt.optional(),
  bulkhead: z.strictObject({ maxConcurrent: positiveInt, queue: z.number().int().min(0) }).optional(),
  pooling: z.boolean().optional(),
  routing: z.boolean().optional(),
  cache: z.boolean().optional(),
  batchAggregation: z.strictObject({ maxItems: positiveInt, maxWaitMs: positiveInt }).optional(),
});

const limitOverride = z.strictObject({
  rpm: positiveInt.optional(),
  tpm: positiveInt.optional(),
  itpm: positiveInt.optional(),
  otpm: positiveInt.optional(),
});
const mock = z.strictObject({
  profile: z.enum(MOCK_PROFILES).optional(),
  rateLimits: z
    .union([
      z.enum(['published', 'off']),
      z.record(
        z.string().regex(/^(openai|anthropic|gemini)\/.+$/, 'expected "<provider>/<model>"'),
        limitOverride,
      ),
    ])
    .optional(),
  timeScale: z.number().min(0).optional(),
  seed: z.number().int().optional(),
});

/** A fault the driver forces (`x-mock-fault`) on a share of requests, optionally in a time window. */
const fault = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  probability: z.number().min(0).max(1),
  pattern: pattern.optional(),
  from: duration.optional(),
  until: duration.optional(),
});

const target = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('builtin') }),
  z.strictObject({
    kind: z.literal('url'),
    url: z.url(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    /** A path per pattern under `url` (e.g. `{ direct: '/chat', streaming: '/chat/stream' }`). */
    paths: z.partialRecord(pattern, z.string().regex(/^\//, 'expected a path starting with "/"')).optional(),
  }),
]);

const thresholds = z.record(z.string(), z.array(z.string()).min(1)).superRefine((t, ctx) => {
  for (const [key, exprs] of Object.entries(t)) {
    try {
      const { name } = parseMetricKey(key);
      for (const e of exprs) parseThreshold(e, name);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: [key], message: (e as Error).message });
    }
  }
});

/** A load scenario, as both engines read it. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected kebab-case'),
    description: z.string().min(1),
    target: target.default({ kind: 'builtin' }),
    mix: z.array(mixItem).min(1),
    client: client.optional(),
    mock: mock.optional(),
    faults: z.array(fault).optional(),
    /** Rate at t = 0, requests per minute (k6 `startRate`). */
    startRate: z.number().min(0).default(0),
    stages: z.array(z.strictObject({ duration, target: z.number().min(0) })).min(1),
    poisson: z.boolean().default(false),
    seed: z.number().int().default(1),
    warmup: duration.optional(),
    maxInFlight: positiveInt.default(1000),
    thresholds: thresholds.optional(),
    /** Reference cost for reporting, e.g. the seed table's $1,750/day for the production mix. */
    expectedCostPerDay: z.number().min(0).optional(),
    /** Goodput SLO: a request counts when it succeeded and met these. */
    slo: z.strictObject({ latencyMs: positiveInt.optional(), ttftMs: positiveInt.optional() }).optional(),
  })
  .superRefine((s, ctx) => {
    const patterns = new Set(s.mix.map((m) => m.pattern));
    s.faults?.forEach((f, i) => {
      const only = FAULT_PATTERN[f.kind];
      const hits = f.pattern ? [f.pattern] : [...patterns];
      if (f.pattern && !patterns.has(f.pattern)) {
        ctx.addIssue({
          code: 'custom',
          path: ['faults', i, 'pattern'],
          message: `pattern ${f.pattern} is not in the mix`,
        });
      } else if (only && hits.some((p) => p !== only)) {
        const message = `${f.kind} applies only to ${only} requests: set pattern: '${only}'`;
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'kind'], message });
      }
    });
  });

/** A validated scenario (defaults applied). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as authored in `scenarios/*.js` (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** One entry of a scenario's pattern mix. */
export type MixItem = Scenario['mix'][number];
/** A fault the driver forces on a share of requests. */
export type ScenarioFault = NonNullable<Scenario['faults']>[number];
/** One integration pattern. */
export type Pattern = (typeof PATTERNS)[number];
