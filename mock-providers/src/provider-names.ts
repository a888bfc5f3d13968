/**
 * Names of the mocked providers: the one list the mock's catalog and registry, the harness's client
 * and scenario schema, and the dashboard read. Dependency-free, like `faults/profile-names.ts`, so
 * browser code and the harness can import it without the mock's server side.
 */
export const PROVIDER_NAMES = ['openai', 'anthropic', 'gemini'] as const;

/** One mocked provider. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];
