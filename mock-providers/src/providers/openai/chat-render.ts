import type { Decision, Output } from '../../content/decision';
import { outputTokens } from '../../content/decision';
import { splitByTokens } from '../../content/tokens';
import { randomAlnum } from '../../http/ids';
import type { TimedEvent } from '../../sse';

/** Identity shared by every chunk of one completion. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
}

const FINGERPRINT = 'fp_mock0000ab';

const finishOf = (o: Output): string => (o.kind === 'tool' ? 'tool_calls' : o.finish);

/** OpenAI `usage` object for a decision. */
export function usageOf(meta: CompletionMeta, decision: Decision) {
  const completion = outputTokens(decision);
  return {
    prompt_tokens: meta.promptTokens,
    completion_tokens: completion,
    total_tokens: meta.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** The non-stream `chat.completion` object (wire-formats §2.1). */
export function renderCompletion(meta: CompletionMeta, decision: Decision) {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: decision.outputs.map((o, index) => ({
      index,
      message:
        o.kind === 'text'
          ? { role: 'assistant', content: o.text, refusal: null, annotations: [] }
          : {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: `call_${randomAlnum(24)}`,
                  type: 'function',
                  function: { name: o.name, arguments: o.args },
                },
              ],
              refusal: null,
              annotations: [],
            },
      logprobs: null,
      finish_reason: finishOf(o),
    })),
    usage: usageOf(meta, decision),
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  };
}

/**
 * The serialised completion after its `created` field, per decision: every request with the same
 * body and seed gets the same decision object (see `decide`), so only the id and the timestamp
 * need writing. Answers with tool calls are rendered whole: each call gets a fresh id.
 */
const tails = new WeakMap<Decision, { model: string; promptTokens: number; tail: string }>();

/** `JSON.stringify(renderCompletion(meta, decision))`, from a cached tail where it can. */
export function renderCompletionJson(meta: CompletionMeta, decision: Decision): string {
  if (decision.outputs.some((o) => o.kind !== 'text'))
    return JSON.stringify(renderCompletion(meta, decision));
  let entry = tails.get(decision);
  if (!entry || entry.model !== meta.model || entry.promptTokens !== meta.promptTokens) {
    const whole = JSON.stringify(renderCompletion({ ...meta, id: '', created: 0 }, decision));
    entry = { model: meta.model, promptTokens: meta.promptTokens, tail: whole.slice(TAIL_START) };
    tails.set(decision, entry);
  }
  return `{"id":${JSON.stringify(meta.id)},"object":"chat.completion","created":${meta.created}${entry.tail}`;
}

/** Where the tail starts in a completion rendered with `id: ''` and `created: 0`. */
const TAIL_START = '{"id":"","object":"chat.completion","created":0'.length;

/** Streamed deltas of one choice after its first (role) chunk, each with the tokens it carries. */
function toolDeltasOf(
  o: Extract<Output, { kind: 'tool' }>,
): Array<{ delta: Record<string, unknown>; tokens: number }> {
  const head = {
    index: 0,
    id: `call_${randomAlnum(24)}`,
    type: 'function',
    function: { name: o.name, arguments: '' },
  };
  const first = { delta: { role: 'assistant', content: null, tool_calls: [head] }, tokens: 0 };
  const frags = splitByTokens(o.args, 2).map((a) => ({
    delta: { tool_calls: [{ index: 0, function: { arguments: a } }] },
    tokens: 2,
  }));
  return [first, ...frags];
}

/** The serialised parts of a per-token chunk around its variable part (index and content). */
interface ContentFrame {
  head: string;
  tail: string;
  /** UTF-8 length of `head`, `tail` and the fixed text between them. */
  fixedBytes: number;
}

/**
 * One per-token content chunk, rendered when it is read (i.e. sent). Why: a stream holds hundreds
 * of these; rendering them up front allocated every chunk's text while thousands of requests
 * arrived together, and the garbage collector then competed with the streams already running.
 */
class ContentEvent implements TimedEvent {
  readonly dataBytes: number;

  constructor(
    readonly at: number,
    private readonly frame: ContentFrame,
    private readonly index: number,
    /** The content as a JSON string literal. */
    private readonly quoted: string,
  ) {
    this.dataBytes = frame.fixedBytes + String(index).length + Buffer.byteLength(quoted);
  }

  get data(): string {
    return `${this.frame.head}${this.index},"delta":{"content":${this.quoted}${this.frame.tail}`;
  }
}

/**
 * The timed chunk sequence of a streamed completion (wire-formats §2.2): role chunk, deltas paced
 * per token, finish chunk, optional usage chunk (`choices: []`), then `[DONE]`.
 */
export function renderStream(meta: CompletionMeta, decision: Decision, includeUsage: boolean): TimedEvent[] {
  const { ttftMs, perTokenMs } = decision.timing;
  const base = {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    system_fingerprint: FINGERPRINT,
  };
  const extra = includeUsage ? { usage: null } : {};
  const chunk = (choices: unknown[]) => JSON.stringify({ ...base, choices, ...extra });
  // the per-token chunk, pre-serialised around its one variable part (the bytes JSON.stringify
  // would give for `chunk([{ index, delta: { content }, logprobs: null, finish_reason: null }])`)
  const head = `${JSON.stringify(base).slice(0, -1)},"choices":[{"index":`;
  const tail = `},"logprobs":null,"finish_reason":null}]${includeUsage ? ',"usage":null' : ''}}`;
  const frame: ContentFrame = {
    head,
    tail,
    fixedBytes: Buffer.byteLength(head) + Buffer.byteLength(tail) + ',"delta":{"content":'.length,
  };
  const events: TimedEvent[] = [];
  let end = ttftMs;
  decision.outputs.forEach((o, index) => {
    let at = ttftMs;
    if (o.kind === 'text') {
      events.push({
        at,
        data: chunk([
          {
            index,
            delta: { role: 'assistant', content: '', refusal: null },
            logprobs: null,
            finish_reason: null,
          },
        ]),
      });
      const pieces = splitByTokens(o.text);
      for (let i = 0; i < pieces.length; i++) {
        at = ttftMs + i * perTokenMs;
        events.push(new ContentEvent(at, frame, index, JSON.stringify(pieces[i])));
      }
    } else {
      let sent = 0;
      for (const d of toolDeltasOf(o)) {
        at = ttftMs + sent * perTokenMs;
        sent += d.tokens;
        events.push({ at, data: chunk([{ index, delta: d.delta, logprobs: null, finish_reason: null }]) });
      }
    }
    events.push({ at, data: chunk([{ index, delta: {}, logprobs: null, finish_reason: finishOf(o) }]) });
    end = Math.max(end, at);
  });
  events.sort((a, b) => a.at - b.at);
  if (includeUsage)
    events.push({ at: end, data: JSON.stringify({ ...base, choices: [], usage: usageOf(meta, decision) }) });
  events.push({ at: end, data: '[DONE]' });
  return events;
}
