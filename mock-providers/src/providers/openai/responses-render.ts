import type { Decision, Output } from '../../content/decision';
import { outputTokens } from '../../content/decision';
import { splitByTokens } from '../../content/tokens';
import type { TimedEvent } from '../../sse';

/** Identity and echoed request fields of one response object. */
export interface ResponseMeta {
  id: string;
  createdAt: number;
  model: string;
  inputTokens: number;
  /** Input tokens served from the prompt cache (priced lower by the provider). */
  cachedTokens: number;
  /** Per output index: the item id (without its `msg_`/`fc_` prefix) and the call id. */
  itemIds: string[];
  callIds: string[];
  /** Request fields the response object echoes, already defaulted. */
  echo: Record<string, unknown>;
}

/** The terminal status of a decision and why it is incomplete, if it is. */
function statusOf(decision: Decision): {
  status: 'completed' | 'incomplete';
  incomplete_details: { reason: string } | null;
} {
  const o = decision.outputs[0];
  if (o?.kind === 'text' && o.finish === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (o?.kind === 'text' && o.finish === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

/** The Responses `usage` object. */
export function responseUsage(meta: ResponseMeta, decision: Decision) {
  const out = outputTokens(decision);
  return {
    input_tokens: meta.inputTokens,
    input_tokens_details: { cached_tokens: meta.cachedTokens },
    output_tokens: out,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: meta.inputTokens + out,
  };
}

const textPart = (text: string) => ({ type: 'output_text', annotations: [], logprobs: [], text });

/** One output item as it is when finished (`status` completed, or incomplete when cut). */
function outputItem(meta: ResponseMeta, o: Output, index: number) {
  const id = meta.itemIds[index] ?? '';
  if (o.kind === 'tool')
    return {
      id: `fc_${id}`,
      type: 'function_call',
      status: 'completed',
      arguments: o.args,
      call_id: meta.callIds[index] ?? '',
      name: o.name,
    };
  return {
    id: `msg_${id}`,
    type: 'message',
    status: o.finish === 'stop' ? 'completed' : 'incomplete',
    content: [textPart(o.text)],
    role: 'assistant',
  };
}

/** The same item when it starts streaming (no content yet). */
function startedItem(meta: ResponseMeta, o: Output, index: number) {
  const done = outputItem(meta, o, index);
  return o.kind === 'tool'
    ? { ...done, status: 'in_progress', arguments: '' }
    : { ...done, status: 'in_progress', content: [] };
}

/** The `response` object: in progress (no output, no usage) or finished from a decision. */
export function renderResponse(meta: ResponseMeta, decision: Decision | undefined) {
  const done = decision ? statusOf(decision) : undefined;
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    status: done?.status ?? 'in_progress',
    background: false,
    completed_at: done?.status === 'completed' ? meta.createdAt : null,
    error: null,
    incomplete_details: done?.incomplete_details ?? null,
    model: meta.model,
    output: decision ? decision.outputs.map((o, i) => outputItem(meta, o, i)) : [],
    ...meta.echo,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    top_logprobs: 0,
    truncation: 'disabled',
    usage: decision ? responseUsage(meta, decision) : null,
  };
}

/** A server error after the stream began, as the Responses API words it in `response.error`. */
export function serverFailure(requestId: string) {
  return {
    code: 'server_error',
    message: `An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists. Please include the request ID ${requestId} in your message.`,
  };
}

/**
 * The `response` object of a response that failed: `status: 'failed'`, `response.error {code,
 * message}`, no output and no usage (what the API had produced is not billed as an answer).
 */
export function renderFailedResponse(meta: ResponseMeta, error: { code: string; message: string }) {
  return { ...renderResponse(meta, undefined), status: 'failed', error };
}

/**
 * Builds the typed event list: each event's `event:` line equals its payload's `type`, and
 * `sequence_number` counts from 0 in send order. No `[DONE]` (the Responses stream just ends).
 */
class EventList {
  readonly events: TimedEvent[] = [];

  push(at: number, type: string, fields: Record<string, unknown>): void {
    const seq = this.events.length;
    this.events.push({ at, event: type, data: JSON.stringify({ type, sequence_number: seq, ...fields }) });
  }
}

/**
 * The timed event sequence of a streamed response: `response.created`, `response.in_progress`,
 * per output item `output_item.added` → (`content_part.added` → `output_text.delta`… →
 * `output_text.done` → `content_part.done` | `function_call_arguments.delta`… → `.done`) →
 * `output_item.done`, then `response.completed` or `response.incomplete`. Deltas are paced per
 * token from the decision's TTFT.
 */
export function renderResponseStream(meta: ResponseMeta, decision: Decision): TimedEvent[] {
  const { ttftMs, perTokenMs } = decision.timing;
  const list = new EventList();
  list.push(0, 'response.created', { response: renderResponse(meta, undefined) });
  list.push(0, 'response.in_progress', { response: renderResponse(meta, undefined) });
  let at = ttftMs;
  decision.outputs.forEach((o, index) => {
    const item = outputItem(meta, o, index);
    const where = { item_id: item.id, output_index: index };
    list.push(at, 'response.output_item.added', { output_index: index, item: startedItem(meta, o, index) });
    if (o.kind === 'tool') {
      let sent = 0;
      for (const delta of splitByTokens(o.args, 2)) {
        at = ttftMs + sent * perTokenMs;
        sent += 2;
        list.push(at, 'response.function_call_arguments.delta', { ...where, delta });
      }
      list.push(at, 'response.function_call_arguments.done', { ...where, name: o.name, arguments: o.args });
    } else {
      const part = { ...where, content_index: 0 };
      list.push(at, 'response.content_part.added', { ...part, part: textPart('') });
      splitByTokens(o.text).forEach((delta, i) => {
        at = ttftMs + i * perTokenMs;
        list.push(at, 'response.output_text.delta', { ...part, delta, logprobs: [] });
      });
      list.push(at, 'response.output_text.done', { ...part, text: o.text, logprobs: [] });
      list.push(at, 'response.content_part.done', { ...part, part: textPart(o.text) });
    }
    list.push(at, 'response.output_item.done', { output_index: index, item });
  });
  const final = renderResponse(meta, decision);
  list.push(at, final.status === 'completed' ? 'response.completed' : 'response.incomplete', {
    response: final,
  });
  return list.events;
}

/** Events after the content that end a stream (item done events and the terminal event). */
export function streamTail(decision: Decision): number {
  return decision.outputs[0]?.kind === 'tool' ? 3 : 4;
}
