import type { MockContext } from '../../context';
import { defineSlot, stateOf } from '../../state-slots';

/** A stored response: its final object and what a follow-up `previous_response_id` carries on. */
export interface StoredResponse {
  /** The response object as `GET /v1/responses/{id}` returns it. */
  body: Record<string, unknown>;
  /** Tokens of the conversation so far (carried input items + this response's input items and output). */
  contextTokens: number;
  /** `call_id`s of the function calls in the conversation (a `function_call_output` must answer one). */
  callIds: string[];
}

/**
 * Stored responses kept per instance. Why a cap: `store` defaults to true, and a load test sends
 * millions of requests; the oldest are forgotten first (as if expired).
 */
export const MAX_STORED_RESPONSES = 10_000;

/** Stores a response (dropping the oldest beyond the cap). */
export function putResponse(ctx: MockContext, id: string, stored: StoredResponse): void {
  const map = storedResponses(ctx);
  map.set(id, stored);
  if (map.size > MAX_STORED_RESPONSES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

const RESPONSES = defineSlot('openai.responses', () => new Map<string, StoredResponse>());

/** The stored Responses API answers of one instance, by id. */
export const storedResponses = (ctx: MockContext): Map<string, StoredResponse> => stateOf(ctx, RESPONSES);
