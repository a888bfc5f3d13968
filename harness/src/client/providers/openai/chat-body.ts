import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ClassifiedError } from '../../error-class';
import type { ChatMessage, ChatRequest, ChatResult } from '../../types';

function toOpenAi(m: ChatMessage): ChatCompletionMessageParam {
  if (m.role === 'tool') return { role: 'tool', content: m.content, tool_call_id: m.toolCallId };
  if (m.role === 'assistant') {
    return {
      role: 'assistant',
      content: m.content || null,
      ...(m.toolCalls?.length
        ? {
            tool_calls: m.toolCalls.map((t) => ({
              id: t.id,
              type: 'function' as const,
              function: { name: t.name, arguments: t.arguments },
            })),
          }
        : {}),
    };
  }
  return { role: m.role, content: m.content };
}

/** The request of a non-streamed call (also one batch item's body/params). */
export function openAiBody(req: ChatRequest) {
  return {
    model: req.model,
    messages: req.messages.map(toOpenAi),
    max_completion_tokens: req.maxTokens,
    ...(req.tools?.length
      ? {
          tools: req.tools.map((t) => ({
            type: 'function' as const,
            function: { name: t.name, description: t.description, parameters: t.parameters },
          })),
        }
      : {}),
    ...(req.jsonMode ? { response_format: { type: 'json_object' as const } } : {}),
  };
}

/** A non-streamed chat completion (direct call or batch output line) as a ChatResult. */
export function fromCompletion(data: unknown, req: ChatRequest, elapsedMs: number): ChatResult {
  const d = data as OpenAI.Chat.Completions.ChatCompletion;
  if (typeof d !== 'object' || d === null || !Array.isArray(d.choices)) {
    throw new ClassifiedError('invalid_json', 'response body is not a chat completion');
  }
  const choice = d.choices[0];
  return {
    text: choice?.message.content ?? '',
    toolCalls: (choice?.message.tool_calls ?? []).flatMap((t) =>
      t.type === 'function' ? [{ id: t.id, name: t.function.name, arguments: t.function.arguments }] : [],
    ),
    finishReasons: d.choices.map((c) => c.finish_reason),
    usage: {
      inputTokens: d.usage?.prompt_tokens ?? 0,
      outputTokens: d.usage?.completion_tokens ?? 0,
      cachedInputTokens: d.usage?.prompt_tokens_details?.cached_tokens ?? 0,
    },
    usageEstimated: !d.usage,
    responseModel: d.model ?? req.model,
    responseId: d.id ?? '',
    ttftMs: elapsedMs,
    chunkTimesMs: [],
  };
}
