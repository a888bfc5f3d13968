/**
 * zod schemas of the harness API's requests (path ids, query strings, bodies): the server's routes
 * parse with these, and the route map names them, so the client and the server read one definition.
 */
import { z } from 'zod';

/** A run id in a path or query. */
export const runId = z.string().regex(/^[\w.:-]{1,100}$/, 'run ids are letters, digits and . _ : -');
/** A pattern, error class or similar tag. */
export const tag = z.string().regex(/^[\w.:-]{1,100}$/, 'letters, digits and . _ : - only');
/** A trace id in a path. */
export const traceId = z.string().regex(/^[0-9a-f]{32}$/, 'a trace id is 32 lowercase hex characters');

/** `POST /api/runs` body: a registered scenario by name, or a whole definition (a user's file). */
export const startRunBody = z
  .object({
    scenario: z.string().min(1).max(100).optional(),
    /** A whole scenario (a user's file, loaded by the CLI), instead of a registered name. */
    definition: z.unknown().optional(),
    rate: z.union([z.string(), z.number()]).optional(),
    duration: z.string().optional(),
    engine: z.enum(['builtin', 'k6']).default('builtin'),
    /** Flags for `k6 run` (engine k6). */
    k6Args: z.array(z.string().max(1000)).max(100).optional(),
  })
  .strict();

/** `GET /api/runs/:id/report?format=`. */
export const reportFormat = z.enum(['json', 'md', 'html', 'seed']).default('json');

/** `GET /api/traces` query: a run's requests (slowest first). */
export const traceSearchQuery = z
  .object({
    run: tag.optional(),
    pattern: tag.optional(),
    errorClass: tag.optional(),
    minLatencyMs: z.coerce.number().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const isoTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO date-time like 2026-12-07T05:00:00Z');

/** `GET /api/spans` query: every stored span, OTLP from your app included. */
export const spanSearchQuery = z
  .object({
    service: z.string().min(1).max(200).optional(),
    status: z.enum(['error', 'ok']).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    attr: z
      .string()
      .max(500)
      .regex(/^[^=\s]+=.*$/s, 'expected key=value, e.g. http.route=/api/chat')
      .optional(),
    name: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** `POST /api/sql` body. */
export const sqlBody = z.object({ query: z.string().min(1, 'query is required').max(100_000) }).strict();
