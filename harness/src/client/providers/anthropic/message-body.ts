import type Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { Usage } from '../../../cost/cost';
import { ClassifiedError } from '../../error-class';
import type { ChatMessage, ChatRequest, ChatResult } from '../../types';

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
export function usageOf(u: {
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
