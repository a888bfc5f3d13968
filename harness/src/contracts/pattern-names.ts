/**
 * The five integration patterns (the `:pattern` of `POST /api/invoke/:pattern`): the one list the
 * harness, its API and the dashboard read. Dependency-free, so browser code can import it.
 */
export const PATTERN_NAMES = ['direct', 'streaming', 'batch', 'rag', 'agent'] as const;

/** One integration pattern. */
export type PatternName = (typeof PATTERN_NAMES)[number];
