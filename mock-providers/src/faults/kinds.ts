/** Every fault the mock can inject (names fixed by ARCHITECTURE.md). */
export type FaultKind =
  | 'rate_limit'
  | 'overloaded'
  | 'server_error'
  | 'timeout'
  | 'content_filter'
  | 'invalid_json'
  | 'sse_drop'
  | 'sse_stall'
  | 'chunk_malformed'
  | 'incomplete_json'
  | 'batch_item_failure'
  | 'batch_partial'
  | 'batch_expired';

/** The fault kinds as a runtime list, in contract order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'rate_limit',
  'overloaded',
  'server_error',
  'timeout',
  'content_filter',
  'invalid_json',
  'sse_drop',
  'sse_stall',
  'chunk_malformed',
  'incomplete_json',
  'batch_item_failure',
  'batch_partial',
  'batch_expired',
];

/** Compile-time exhaustiveness guard: a new kind fails to compile until every switch handles it. */
export function assertNever(value: never): never {
  throw new Error(`unhandled fault kind: ${String(value)}`);
}
