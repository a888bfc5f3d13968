import type { TracerProvider } from '@opentelemetry/api';
import { z } from 'zod';
import { profileSettingSchema } from './faults/profiles';
import type { Pacer } from './latency/pacer';
import { TIER_NAMES } from './limits/published';
import { findModel, type Provider } from './models/catalog';

/** Which limit fields each provider enforces (Anthropic splits input and output tokens). */
const FIELDS: Record<Provider, readonly string[]> = {
  openai: ['rpm', 'tpm'],
  gemini: ['rpm', 'tpm'],
  anthropic: ['rpm', 'itpm', 'otpm'],
};

/** Per-model rate-limit overrides: `{ "<provider>/<model>": { rpm?, tpm?, itpm?, otpm? } }`. */
export const rateLimitOverridesSchema = z
  .record(
    z.string().regex(/^(openai|anthropic|gemini)\/.+$/, 'key must be "<openai|anthropic|gemini>/<model>"'),
    z
      .object({
        rpm: z.number().int().positive().optional(),
        tpm: z.number().int().positive().optional(),
        itpm: z.number().int().positive().optional(),
        otpm: z.number().int().positive().optional(),
      })
      .strict(),
  )
  .superRefine((record, ctx) => {
    for (const [key, limits] of Object.entries(record)) {
      const [provider, ...rest] = key.split('/') as [Provider, ...string[]];
      if (!findModel(provider, rest.join('/'))) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown model "${key}"` });
        continue;
      }
      const extra = Object.keys(limits).filter((f) => !FIELDS[provider].includes(f));
      if (extra.length)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${provider} limits are ${FIELDS[provider].join(', ')}; not ${extra.join(', ')}`,
        });
    }
  });

/** `rateLimits` setting: published tiers, off, a tier preset, or overrides on top of the published ones. */
export const rateLimitsSchema = z.union([
  z.literal('published'),
  z.literal('off'),
  z.enum(TIER_NAMES),
  rateLimitOverridesSchema,
]);

/** The runtime config served by `/__admin/config`; `PUT` accepts any subset of it. */
export const configSchema = z
  .object({
    profile: profileSettingSchema,
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
  /** Seed of every generated text, vector, latency draw and of the fault PRNG. Default 42. */
  seed?: number;
  /** 1 = published latencies, 0 = no artificial delay. Default 1. */
  timeScale?: number;
  /** Fault profile: a built-in name (`ideal`, `seed-typical`, `degraded`, `outage`) or an inline profile. */
  profile?: MockConfig['profile'];
  /** Rate limits: `published` (default), `off`, `tier1`…`tier5`, or per-model overrides. */
  rateLimits?: MockConfig['rateLimits'];
  /**
   * Where ground-truth SERVER spans go. Default: the global provider (`trace.getTracer`), a no-op
   * until the hosting process registers an SDK.
   */
  tracerProvider?: TracerProvider;
  /**
   * What paces streamed events (default: the wall clock and the shared stream scheduler). Tests
   * pass a manual pacer to decide when each event leaves, independent of the machine's timers.
   */
  pacer?: Pacer;
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
