import { z } from 'zod';
import type { GenerationRequest } from '../../content/decision';
import type { JsonSchema } from '../../content/json-schema';
import { countTokens } from '../../content/tokens';
import type { ModelSpec } from '../../models/catalog';

const part = z.looseObject({ type: z.string(), text: z.string().optional() });
const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(part), z.null()]).optional(),
  tool_calls: z
    .array(z.looseObject({ function: z.looseObject({ name: z.string(), arguments: z.string() }) }))
    .optional(),
  tool_call_id: z.string().optional(),
});
const tool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** `POST /v1/chat/completions` body (unknown fields accepted, as the real API ignores them). */
export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(tool).optional(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ function: z.looseObject({ name: z.string() }) }),
    ])
    .optional(),
  response_format: z
    .union([
      z.looseObject({ type: z.enum(['text', 'json_object']) }),
      z.looseObject({
        type: z.literal('json_schema'),
        json_schema: z.looseObject({
          name: z.string(),
          schema: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    ])
    .optional(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  n: z.number().int().min(1).max(128).nullish(),
});

/** The validated chat request. */
export type ChatRequest = z.infer<typeof chatRequestSchema>;

function contentText(content: ChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((p) => p.text ?? '').join('');
}

/** Prompt tokens the way OpenAI counts chat input: content + ~3 framing tokens per message + tools. */
export function promptTokensOf(req: ChatRequest): number {
  let total = 3;
  for (const m of req.messages) {
    total += 3 + countTokens(contentText(m.content));
    for (const call of m.tool_calls ?? []) total += countTokens(call.function.name + call.function.arguments);
  }
  if (req.tools) total += countTokens(JSON.stringify(req.tools));
  return total;
}

/** Maps the OpenAI request onto the provider-neutral generation request. */
export function toGeneration(req: ChatRequest, model: ModelSpec, promptTokens: number): GenerationRequest {
  const { stream: _s, stream_options: _o, ...keyed } = req;
  const choice = req.tool_choice;
  const rf = req.response_format;
  return {
    model,
    bodyKey: JSON.stringify(keyed),
    promptTokens,
    maxTokens: req.max_completion_tokens ?? req.max_tokens ?? undefined,
    choices: req.n ?? 1,
    tools: (req.tools ?? []).map((t) => ({
      name: t.function.name,
      schema: (t.function.parameters ?? {}) as JsonSchema,
    })),
    toolChoice:
      choice === 'none' ? 'none' : typeof choice === 'object' ? { name: choice.function.name } : 'auto',
    lastIsToolResult: req.messages.at(-1)?.role === 'tool',
    format:
      rf?.type === 'json_schema'
        ? { type: 'json_schema', schema: (rf.json_schema.schema ?? {}) as JsonSchema }
        : rf?.type === 'json_object'
          ? { type: 'json_object' }
          : { type: 'text' },
  };
}
