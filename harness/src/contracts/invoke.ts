/**
 * `POST /api/invoke/:pattern` (what k6 and the built-in driver call): its path, body and answer as
 * zod schemas, so the route parses with the same definition the route map and the client check.
 */
import { z } from 'zod';
import { OPENAI_APIS, PROVIDERS } from '../client/types';
import type { InvokeResponse } from '../patterns/invoke';
import { PATTERN_NAMES } from '../patterns/types';

const provider = z.enum(PROVIDERS);
const model = z.string().min(1).max(200);

/** The path: one of the five patterns. */
export const invokeParams = z.object({ pattern: z.enum(PATTERN_NAMES) });

/** The body: one unit of work for the pattern. */
export const invokeBody = z
  .object({
    provider,
    model,
    input: z.string().max(200_000).optional(),
    maxTokens: z.number().int().min(1).max(100_000).optional(),
    fallback: z.object({ provider, model }).strict().optional(),
    /** OpenAI only: `responses` makes the pattern's model calls through `POST /v1/responses`. */
    api: z.enum(OPENAI_APIS).optional(),
  })
  .strict()
  .refine((b) => b.api !== 'responses' || b.provider === 'openai', {
    message: 'api "responses" is OpenAI\'s Responses API: it needs provider "openai"',
    path: ['api'],
  });

/** The answer: the unit's outcome summed over its calls (an error is an answer too, `ok: false`). */
export const invokeResponse = z.object({
  ok: z.boolean(),
  pattern: z.enum(PATTERN_NAMES),
  provider: z.string(),
  model: z.string(),
  errorClass: z.string().exactOptional(),
  error: z.string().exactOptional(),
  latencyMs: z.number().min(0),
  ttftMs: z.number().nullable(),
  tpotMs: z.number().nullable(),
  tokens: z.object({ input: z.number().int().min(0), output: z.number().int().min(0) }),
  costUsd: z.number().min(0),
  wastedCostUsd: z.number().min(0),
  retries: z.number().int().min(0),
  fallbackUsed: z.boolean(),
  cacheHit: z.boolean(),
  calls: z.number().int().min(0),
  steps: z.number().int().min(0),
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
}) satisfies z.ZodType<InvokeResponse>;
