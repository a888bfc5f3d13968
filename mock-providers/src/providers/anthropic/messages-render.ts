import type { Decision, Output } from '../../content/decision';
import { splitByTokens } from '../../content/tokens';
import { randomAlnum } from '../../http/ids';
import type { TimedEvent } from '../../sse';

/** Identity of one Message. */
export interface MessageMeta {
  id: string;
  model: string;
  inputTokens: number;
}

/** `content_filter` surfaces as Claude's `refusal` stop reason. */
const stopReason = (o: Output): string =>
  o.kind === 'tool'
    ? 'tool_use'
    : o.finish === 'length'
      ? 'max_tokens'
      : o.finish === 'content_filter'
        ? 'refusal'
        : 'end_turn';

const usage = (meta: MessageMeta, output: number) => ({
  input_tokens: meta.inputTokens,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: output,
  service_tier: 'standard',
});

/** Content block of an output, with a fresh `toolu_` id for tool calls. */
const blockOf = (o: Output) =>
  o.kind === 'text'
    ? { type: 'text', text: o.text }
    : {
        type: 'tool_use',
        id: `toolu_01${randomAlnum(22)}`,
        name: o.name,
        input: JSON.parse(o.args) as unknown,
      };

/** The non-stream `Message` (wire-formats §3.3). */
export function renderMessage(meta: MessageMeta, decision: Decision) {
  const o = decision.outputs[0] as Output;
  return {
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: [blockOf(o)],
    stop_reason: stopReason(o),
    stop_sequence: null,
    usage: usage(meta, o.tokens),
  };
}

/**
 * The timed event sequence of a streamed Message (wire-formats §3.4): message_start,
 * content_block_start, ping, paced deltas, content_block_stop, message_delta, message_stop.
 */
export function renderMessageStream(meta: MessageMeta, decision: Decision): TimedEvent[] {
  const o = decision.outputs[0] as Output;
  const { ttftMs, perTokenMs } = decision.timing;
  const ev = (at: number, type: string, body: Record<string, unknown>): TimedEvent => ({
    at,
    event: type,
    data: JSON.stringify({ type, ...body }),
  });
  const start = { ...renderMessage(meta, decision), content: [], stop_reason: null, usage: usage(meta, 1) };
  const block = blockOf(o);
  const events: TimedEvent[] = [
    ev(ttftMs, 'message_start', { message: start }),
    ev(ttftMs, 'content_block_start', {
      index: 0,
      content_block: block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} },
    }),
    ev(ttftMs, 'ping', {}),
  ];
  const per = o.kind === 'text' ? 3 : 4;
  const pieces = splitByTokens(o.kind === 'text' ? o.text : o.args, per);
  let at = ttftMs;
  pieces.forEach((piece, i) => {
    at = ttftMs + i * per * perTokenMs;
    const delta =
      o.kind === 'text'
        ? { type: 'text_delta', text: piece }
        : { type: 'input_json_delta', partial_json: piece };
    events.push(ev(at, 'content_block_delta', { index: 0, delta }));
  });
  events.push(
    ev(at, 'content_block_stop', { index: 0 }),
    ev(at, 'message_delta', {
      delta: { stop_reason: stopReason(o), stop_sequence: null },
      usage: { output_tokens: o.tokens },
    }),
    ev(at, 'message_stop', {}),
  );
  return events;
}
