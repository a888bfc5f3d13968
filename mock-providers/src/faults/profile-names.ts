/**
 * Names of the built-in fault profiles: the one list the mock's `PROFILES`, the harness's
 * scenario schema and anything else that offers a profile by name import. Dependency-free, so
 * browser code (the dashboard) and the harness can import it without the mock's server side.
 */
export const PROFILE_NAMES = ['ideal', 'seed-typical', 'degraded', 'outage'] as const;

/** One built-in profile name. */
export type ProfileName = (typeof PROFILE_NAMES)[number];
