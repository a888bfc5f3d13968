import { z } from 'zod';
import { ALL_SHAPES, applicableKinds, FAULT_KINDS, type FaultKind } from './kinds';
import { PROFILE_NAMES, type ProfileName } from './profile-names';
import { type RetrySignals, retrySignalsSchema } from './signals';

/** A named set of per-kind probabilities, each applied per applicable request. */
export interface FaultProfile {
  name: string;
  description: string;
  faults: Partial<Record<FaultKind, number>>;
  /** How this profile's error answers advise retries (`x-mock-retry-after`/`x-mock-should-retry` override). */
  signals?: RetrySignals;
}

/**
 * Midpoints of the seed's failure tables (integration-patterns-direct-streaming-batch.txt).
 * `rate_limit` is 0: 429s come from the token-bucket limiter, not from a dice roll.
 */
const SEED_TYPICAL: FaultProfile['faults'] = {
  rate_limit: 0,
  overloaded: 0.0125, // 0.5–2 % during peak
  server_error: 0.003, // 0.1–0.5 %
  timeout: 0.035, // 2–5 % on long outputs
  content_filter: 0.0155, // 0.1–3 %
  invalid_json: 0.0125, // 0.5–2 %
  sse_drop: 0.02, // 1–3 %
  sse_stall: 0.0075, // 0.5–1 %
  chunk_malformed: 0.003, // 0.1–0.5 %
  incomplete_json: 0.03, // 1–5 % (structured output)
  batch_item_failure: 0.03, // 1–5 % of requests in a batch
  batch_partial: 0.0075, // 0.5–1 %
  batch_expired: 0.002, // "rare for < 10K requests"
};

const scaled = (factor: number): FaultProfile['faults'] =>
  Object.fromEntries(Object.entries(SEED_TYPICAL).map(([k, p]) => [k, Math.round(p * factor * 1e6) / 1e6]));

/** The built-in profiles served by `GET /__admin/profiles`, in `PROFILE_NAMES` order. */
export const PROFILES: readonly (FaultProfile & { name: ProfileName })[] = [
  { name: 'ideal', description: 'No injected faults (rate limits still apply).', faults: {} },
  {
    name: 'seed-typical',
    description: "Midpoints of the seed's failure-frequency tables; rate limits come from the limiter.",
    faults: SEED_TYPICAL,
  },
  {
    name: 'degraded',
    description: 'A bad day: every seed-typical fault four times as often.',
    faults: scaled(4),
  },
  {
    name: 'outage',
    description: 'Provider outage: 60 % 503/529, 20 % 500, 10 % timeouts; enough to trip any breaker.',
    faults: { overloaded: 0.6, server_error: 0.2, timeout: 0.1, batch_expired: 0.1 },
  },
];

/** Names of the built-in profiles (defined once in `profile-names.ts`). */
export { PROFILE_NAMES };

/** The built-in profile with this name, if any. */
export function builtinProfile(name: string): FaultProfile | undefined {
  return PROFILES.find((p) => p.name === name);
}

/** The largest total probability a profile puts on one request (over every request shape). */
export function worstCaseTotal(faults: FaultProfile['faults']): number {
  return Math.max(...ALL_SHAPES.map((s) => applicableKinds(s).reduce((sum, k) => sum + (faults[k] ?? 0), 0)));
}

const probability = z.number().min(0, 'probability must be in 0–1').max(1, 'probability must be in 0–1');

/** An inline custom profile as accepted by `PUT /__admin/config { profile: {...} }`. */
export const customProfileSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    faults: z.strictObject(
      Object.fromEntries(FAULT_KINDS.map((k) => [k, probability.optional()])) as Record<
        FaultKind,
        z.ZodOptional<typeof probability>
      >,
    ),
    signals: retrySignalsSchema.optional(),
  })
  .refine((p) => worstCaseTotal(p.faults as FaultProfile['faults']) <= 1 + 1e-9, {
    message: 'probabilities of kinds that can apply to the same request must sum to at most 1',
    path: ['faults'],
  });

/** An inline profile as written (kinds → probabilities). */
export type CustomProfile = z.infer<typeof customProfileSchema>;

/**
 * The `profile` config value: a built-in name or an inline custom profile. Checked by hand
 * rather than as a zod union so a bad value yields the precise message (a union says only
 * "Invalid input").
 */
export const profileSettingSchema = z.unknown().transform((value, ctx): string | CustomProfile => {
  if (typeof value === 'string') {
    if (!(PROFILE_NAMES as readonly string[]).includes(value))
      ctx.addIssue({
        code: 'custom',
        message: `unknown profile "${value}"; valid profiles: ${PROFILE_NAMES.join(', ')}`,
      });
    return value;
  }
  const parsed = customProfileSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
});

/** A validated `profile` setting. */
export type ProfileSetting = z.infer<typeof profileSettingSchema>;

/** Resolves a validated setting to a profile object. */
export function resolveProfile(setting: ProfileSetting): FaultProfile {
  if (typeof setting === 'string') return builtinProfile(setting) ?? (PROFILES[0] as FaultProfile);
  const faults = Object.fromEntries(
    Object.entries(setting.faults).filter(([, p]) => p !== undefined),
  ) as FaultProfile['faults'];
  const profile: FaultProfile = {
    name: setting.name ?? 'custom',
    description: setting.description ?? 'Inline profile.',
    faults,
  };
  if (setting.signals) profile.signals = setting.signals as RetrySignals;
  return profile;
}
