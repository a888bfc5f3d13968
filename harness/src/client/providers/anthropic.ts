import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { Usage } from '../../cost/cost';
import { classifyError } from '../classify';
import { ClassifiedError } from '../error-class';
import type { AttemptOptions, ChatMessage, ChatRequest, ChatResult, ProviderAdapter } from '../types';
import { runAnthropicBatch } from './anthropic-batch';
import { endpointOf } from './endpoint';
import { finishJson, StreamAccumulator } from './stream-accumulator';

function toAnthropic(messages: ChatMessage[]): { system?: string; messages: MessageParam[] } {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const out: MessageParam[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    if (m.role === 'tool') {
      out.push({
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content }],
      });
    } else if (m.role === 'assistant') {
      const blocks = [
        ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
        ...(m.toolCalls ?? []).map((t) => ({
          type: 'tool_use' as const,
          id: t.id,
          name: t.name,
          input: JSON.parse(t.arguments || '{}'),
        })),
      ];
      out.push({ role: 'assistant', content: blocks });
    } else out.push({ role: 'user', content: m.content });
  }
  return { ...(system ? { system } : {}), messages: out };
}

/** Anthropic reports input without cache reads/writes; OTel input tokens include both. */
function usageOf(u: {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}): Usage {
  const read = u.cache_read_input_tokens ?? 0;
  const write = u.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (u.input_tokens ?? 0) + read + write,
    outputTokens: u.output_tokens ?? 0,
    cachedInputTokens: read,
    cacheWriteInputTokens: write,
  };
}

/** The request of a non-streamed call (also one batch item's body/params). */
export function anthropicParams(req: ChatRequest) {
  return {
    model: req.model,
    max_tokens: req.maxTokens,
    ...toAnthropic(req.messages),
    ...(req.tools?.length
      ? {
          tools: req.tools.map((t) => ({
            name: t.name,
            description: t.description,
            input_schema: t.parameters as Anthropic.Tool.InputSchema,
          })),
        }
      : {}),
  };
}

/** A non-streamed Message (direct call or batch result) as a ChatResult. */
export function fromMessage(data: unknown, req: ChatRequest, elapsedMs: number): ChatResult {
  const msg = data as Anthropic.Message;
  if (typeof msg !== 'object' || msg === null || !Array.isArray(msg.content)) {
    throw new ClassifiedError('invalid_json', 'response body is not a message');
  }
  return {
    text: msg.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(''),
    toolCalls: msg.content.flatMap((b) =>
      b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: JSON.stringify(b.input) }] : [],
    ),
    finishReasons: msg.stop_reason ? [msg.stop_reason] : [],
    usage: usageOf(msg.usage),
    usageEstimated: false,
    responseModel: msg.model ?? req.model,
    responseId: msg.id ?? '',
    ttftMs: elapsedMs,
    chunkTimesMs: [],
  };
}

/** Anthropic through `@anthropic-ai/sdk` (retries off). */
export function anthropicAdapter(baseURL: string, apiKey: string, fetchImpl: typeof fetch): ProviderAdapter {
  // The SDK's own OpenTelemetry spans would replace our attempt span's traceparent and pull the
  // mock's ground truth into another trace: our client instruments the calls itself.
  const sdk = new Anthropic({
    baseURL,
    apiKey,
    maxRetries: 0,
    timeout: 600_000,
    fetch: fetchImpl,
    openTelemetry: { traces: false, propagation: false },
  });
  return {
    provider: 'anthropic',
    ...endpointOf(baseURL),
    async chat(req, o: AttemptOptions): Promise<ChatResult> {
      const started = performance.now();
      const opts = { signal: o.signal, headers: o.headers };
      if (!req.stream) {
        const msg = await sdk.messages.create({ ...anthropicParams(req), stream: false }, opts).catch((e) => {
          throw classifyError(e, 'request');
        });
        return finishJson(req, fromMessage(msg, req, performance.now() - started));
      }
      const stream = await sdk.messages.create({ ...anthropicParams(req), stream: true }, opts).catch((e) => {
        throw classifyError(e, 'request');
      });
      const acc = new StreamAccumulator(req, started, o);
      const blocks = new Map<number, { id: string; name: string; arguments: string }>();
      try {
        for await (const ev of stream as AsyncIterable<RawMessageStreamEvent>) {
          let content = false;
          if (ev.type === 'message_start') {
            acc.responseId = ev.message.id;
            acc.responseModel = ev.message.model;
            acc.reportUsage(usageOf(ev.message.usage));
          } else if (ev.type === 'content_block_start' && ev.content_block.type === 'tool_use') {
            blocks.set(ev.index, { id: ev.content_block.id, name: ev.content_block.name, arguments: '' });
          } else if (ev.type === 'content_block_delta') {
            if (ev.delta.type === 'text_delta' && ev.delta.text) {
              acc.text += ev.delta.text;
              content = true;
            } else if (ev.delta.type === 'input_json_delta' && ev.delta.partial_json) {
              const b = blocks.get(ev.index);
              if (b) b.arguments += ev.delta.partial_json;
              content = true;
            }
          } else if (ev.type === 'message_delta') {
            if (ev.delta.stop_reason) acc.finishReasons.push(ev.delta.stop_reason);
            acc.reportUsage({ ...acc.usageSoFar(), outputTokens: ev.usage.output_tokens });
          } else if (ev.type === 'message_stop') acc.ended = true;
          acc.chunk(content);
        }
      } catch (e) {
        throw acc.fail(e);
      }
      acc.toolCalls = [...blocks.values()].map((b) => ({ ...b, arguments: b.arguments || '{}' }));
      return acc.finish();
    },
    submitBatch: (reqs, o) => runAnthropicBatch(sdk, reqs, o),
    async embed() {
      throw new ClassifiedError(
        'bad_request',
        'Anthropic has no embeddings API; use openai or gemini for RAG embeddings',
        { retryable: false },
      );
    },
  };
}
