import type OpenAI from 'openai';
import type {
  Response as OpenAiResponse,
  ResponseCreateParamsBase,
  ResponseInputItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import { classifyError } from '../../classify';
import { ClassifiedError } from '../../error-class';
import type { AttemptOptions, ChatMessage, ChatRequest, ChatResult, ToolCall } from '../../types';
import { finishJson, StreamAccumulator } from '../stream-accumulator';

/** One neutral message as Responses input items (an assistant turn with calls → its `function_call`s). */
function toItems(m: ChatMessage): ResponseInputItem[] {
  if (m.role === 'tool') return [{ type: 'function_call_output', call_id: m.toolCallId, output: m.content }];
  if (m.role === 'assistant') {
    const calls = (m.toolCalls ?? []).map(
      (t): ResponseInputItem => ({
        type: 'function_call',
        call_id: t.id,
        name: t.name,
        arguments: t.arguments,
      }),
    );
    return m.content ? [{ role: 'assistant', content: m.content }, ...calls] : calls;
  }
  return [{ role: m.role, content: m.content }];
}

/**
 * The `POST /v1/responses` body of a neutral request. Stateless (`store: false`, the whole
 * conversation as items every turn) so a load test leaves nothing stored at the provider.
 */
export function responsesBody(req: ChatRequest): ResponseCreateParamsBase {
  return {
    model: req.model,
    input: req.messages.flatMap(toItems),
    max_output_tokens: req.maxTokens,
    store: false,
    ...(req.tools?.length
      ? {
          tools: req.tools.map((t) => ({
            type: 'function' as const,
            name: t.name,
            description: t.description,
            parameters: t.parameters,
            strict: false,
          })),
        }
      : {}),
    ...(req.jsonMode ? { text: { format: { type: 'json_object' as const } } } : {}),
  };
}

/**
 * Finish reasons in chat terms, so spans and the content-filter check read the same across APIs:
 * a function call → `tool_calls`, `incomplete` → its reason (`max_output_tokens` → `length`).
 */
function finishOf(r: Pick<OpenAiResponse, 'status' | 'incomplete_details' | 'output'>): string {
  if (r.status === 'incomplete') {
    const reason = r.incomplete_details?.reason;
    return reason === 'max_output_tokens' ? 'length' : (reason ?? 'incomplete');
  }
  if (r.output.some((o) => o.type === 'function_call')) return 'tool_calls';
  return r.status === 'completed' ? 'stop' : (r.status ?? 'unknown');
}

function callsOf(r: OpenAiResponse): ToolCall[] {
  return r.output.flatMap((o) =>
    o.type === 'function_call' ? [{ id: o.call_id, name: o.name, arguments: o.arguments }] : [],
  );
}

function textOf(r: OpenAiResponse): string {
  return r.output
    .flatMap((o) => (o.type === 'message' ? o.content : []))
    .map((c) => (c.type === 'output_text' ? c.text : ''))
    .join('');
}

const usageOf = (r: OpenAiResponse) => ({
  inputTokens: r.usage?.input_tokens ?? 0,
  outputTokens: r.usage?.output_tokens ?? 0,
  cachedInputTokens: r.usage?.input_tokens_details?.cached_tokens ?? 0,
});

/** A finished Response object as a ChatResult. */
export function fromResponse(data: unknown, req: ChatRequest, elapsedMs: number): ChatResult {
  const r = data as OpenAiResponse;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.output)) {
    throw new ClassifiedError('invalid_json', 'response body is not a Responses API response');
  }
  return {
    text: textOf(r),
    toolCalls: callsOf(r),
    finishReasons: [finishOf(r)],
    usage: usageOf(r),
    usageEstimated: !r.usage,
    responseModel: r.model ?? req.model,
    responseId: r.id ?? '',
    ttftMs: elapsedMs,
    chunkTimesMs: [],
  };
}

/** One attempt through the Responses API: non-streamed, or the typed event stream. */
export async function responsesChat(sdk: OpenAI, req: ChatRequest, o: AttemptOptions): Promise<ChatResult> {
  const started = performance.now();
  const opts = { signal: o.signal, headers: o.headers };
  if (!req.stream) {
    const data = await sdk.responses.create({ ...responsesBody(req), stream: false }, opts).catch((e) => {
      throw classifyError(e, 'request');
    });
    return finishJson(req, fromResponse(data, req, performance.now() - started));
  }
  const stream = await sdk.responses.create({ ...responsesBody(req), stream: true }, opts).catch((e) => {
    throw classifyError(e, 'request');
  });
  const acc = new StreamAccumulator(req, started, o);
  try {
    for await (const event of stream as AsyncIterable<ResponseStreamEvent>) {
      let content = false;
      switch (event.type) {
        case 'response.created':
          acc.responseId ||= event.response.id;
          acc.responseModel ||= event.response.model;
          break;
        case 'response.output_text.delta':
          acc.text += event.delta;
          content = event.delta.length > 0;
          break;
        case 'response.function_call_arguments.delta':
          content = event.delta.length > 0;
          break;
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed':
          if (event.type === 'response.failed')
            throw new ClassifiedError('server_error', event.response.error?.message ?? 'response failed');
          acc.ended = true;
          acc.toolCalls = callsOf(event.response);
          acc.finishReasons.push(finishOf(event.response));
          if (event.response.usage) acc.reportUsage(usageOf(event.response));
          break;
        default:
          break;
      }
      acc.chunk(content);
    }
  } catch (e) {
    throw acc.fail(e);
  }
  return acc.finish();
}
