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
  | 'batch_expired'
  | 'request_timeout'
  | 'conflict'
  | 'spend_limit';

/**
 * The fault kinds as a runtime list, in contract order (also the order profiles draw in). The
 * first 13 are ARCHITECTURE.md's; `request_timeout` (408), `conflict` (409) and `spend_limit` (a
 * 429 no retry fixes) were added after, at the end so existing profiles draw as before.
 */
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
  'request_timeout',
  'conflict',
  'spend_limit',
];

/** True when `value` is one of the fault kind names. */
export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/** What a fault site does: generate text, embed, or create a batch. */
export type Operation = 'generate' | 'embed' | 'batch_create';

/** The facts about one request that decide which faults can occur on it. */
export interface RequestShape {
  op: Operation;
  stream: boolean;
  /** JSON mode: `json_object` / `json_schema`, Gemini `responseMimeType` JSON, Anthropic `output_config.format`. */
  jsonMode: boolean;
}

/**
 * Whether a kind can occur on a request of this shape (ARCHITECTURE.md "Faults"): stream faults
 * only on streams, `incomplete_json` only in JSON mode, batch kinds only on batch creation, and
 * `rate_limit` only where the limiter applies (generation and embeddings). The mock never
 * "injects" a kind where it cannot change what a client sees, so injected counts mean what they
 * say: `invalid_json` (a JSON body cut short) applies only to answers sent whole; a stream's
 * unparsable data is `chunk_malformed`.
 */
export function applies(kind: FaultKind, shape: RequestShape): boolean {
  const { op, stream, jsonMode } = shape;
  switch (kind) {
    case 'rate_limit':
    case 'spend_limit':
      return op !== 'batch_create';
    case 'invalid_json':
      return op !== 'batch_create' && !stream;
    case 'overloaded':
    case 'server_error':
    case 'timeout':
    case 'request_timeout':
    case 'conflict':
      return true;
    case 'content_filter':
      return op === 'generate';
    case 'sse_drop':
    case 'sse_stall':
    case 'chunk_malformed':
      return op === 'generate' && stream;
    case 'incomplete_json':
      return op === 'generate' && jsonMode;
    case 'batch_item_failure':
    case 'batch_partial':
    case 'batch_expired':
      return op === 'batch_create';
    default:
      return assertNever(kind);
  }
}

/** The kinds that can occur on a request of this shape, in contract order. */
export function applicableKinds(shape: RequestShape): FaultKind[] {
  return FAULT_KINDS.filter((k) => applies(k, shape));
}

/** Every distinct request shape (used to check that a profile's probabilities fit in [0, 1]). */
export const ALL_SHAPES: readonly RequestShape[] = [true, false].flatMap((stream) =>
  [true, false].flatMap((jsonMode) =>
    (['generate', 'embed', 'batch_create'] as const).map((op) => ({ op, stream, jsonMode })),
  ),
);

/** Compile-time exhaustiveness guard: a new kind fails to compile until every switch handles it. */
export function assertNever(value: never): never {
  throw new Error(`unhandled fault kind: ${String(value)}`);
}
