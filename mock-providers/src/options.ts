import { z } from 'zod';

/** Per-model rate-limit overrides: `{ "<provider>/<model>": { rpm?, tpm?, itpm?, otpm? } }`. */
export const rateLimitOverridesSchema = z.record(
  z.string().regex(/^(openai|anthropic|gemini)\/.+$/, 'key must be "<openai|anthropic|gemini>/<model>"'),
  z
    .object({
      rpm: z.number().int().positive().optional(),
      tpm: z.number().int().positive().optional(),
      itpm: z.number().int().positive().optional(),
      otpm: z.number().int().positive().optional(),
    })
    .strict(),
);

/** `rateLimits` setting: published tiers, off, or overrides on top of the published ones. */
export const rateLimitsSchema = z.union([z.literal('published'), z.literal('off'), rateLimitOverridesSchema]);

/** The runtime config served by `/__admin/config`; `PUT` accepts any subset of it. */
export const configSchema = z
  .object({
    profile: z.string().min(1),
    seed: z.number().int(),
    timeScale: z.number().min(0).max(100),
    rateLimits: rateLimitsSchema,
  })
  .strict();

/** The mock's runtime configuration. */
export type MockConfig = z.infer<typeof configSchema>;

/** A partial config as accepted by `PUT /__admin/config`. */
export const configPatchSchema = configSchema.partial();

/** Options of `createHandlers` / `createMockServer`. */
export interface MockOptions {
  /** Seed of every generated text, vector, latency draw (and later fault decision). Default 42. */
  seed?: number;
  /** 1 = published latencies, 0 = no artificial delay. Default 1. */
  timeScale?: number;
  /** Fault profile name (the fault engine arrives in a later issue). Default `ideal`. */
  profile?: string;
  /** Rate limits: `published` (default), `off`, or per-model overrides. */
  rateLimits?: MockConfig['rateLimits'];
  /** Server only: port to listen on (default 4010; 0 = ephemeral). */
  port?: number;
  /** Server only: bind address (default 127.0.0.1). */
  host?: string;
}

/** Resolves options into a validated config (throws a ZodError naming the bad field). */
export function toConfig(options: MockOptions = {}): MockConfig {
  return configSchema.parse({
    profile: options.profile ?? 'ideal',
    seed: options.seed ?? 42,
    timeScale: options.timeScale ?? 1,
    rateLimits: options.rateLimits ?? 'published',
  });
}
