import { z } from 'zod';
import type { GenerationRequest } from '../../content/decision';
import type { JsonSchema } from '../../content/json-schema';
import { countTokens } from '../../content/tokens';
import type { ModelSpec } from '../../models/catalog';

const block = z.looseObject({ type: z.string() });
const message = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(block)]),
});
const tool = z.looseObject({
  name: z.string().min(1),
  input_schema: z.record(z.string(), z.unknown()).optional(),
});

/** `POST /v1/messages` body (also a batch request's `params`). */
export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(block)]).optional(),
  stream: z.boolean().optional(),
  tools: z.array(tool).optional(),
  tool_choice: z
    .looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().optional() })
    .optional(),
  temperature: z.number().min(0).max(1).optional(),
  /** Structured outputs: `output_config.format = { type: "json_schema", schema }`. */
  output_config: z
    .looseObject({
      format: z
        .looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
        .nullish(),
    })
    .nullish(),
});

/** `POST /v1/messages/count_tokens` body. */
export const countTokensSchema = messagesRequestSchema.omit({ max_tokens: true });

/** The validated Messages request. */
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined ? '' : JSON.stringify(content);
  return content
    .map((b: Record<string, unknown>) => {
      if (b.type === 'text') return String(b.text ?? '');
      if (b.type === 'tool_result') return textOf(b.content);
      if (b.type === 'tool_use') return `${String(b.name)}${JSON.stringify(b.input ?? {})}`;
      return '';
    })
    .join('');
}

/** Input tokens (o200k approximation): system + messages (+ framing) + tool definitions. */
export function inputTokensOf(req: Pick<MessagesRequest, 'messages' | 'system' | 'tools'>): number {
  let total = countTokens(textOf(req.system));
  for (const m of req.messages) total += 3 + countTokens(textOf(m.content));
  if (req.tools) total += countTokens(JSON.stringify(req.tools));
  return total + 1;
}

/** Maps the Anthropic request onto the provider-neutral generation request. */
export function toGeneration(req: MessagesRequest, model: ModelSpec, inputTokens: number): GenerationRequest {
  const { stream: _s, ...keyed } = req;
  const last = req.messages.at(-1);
  const lastIsToolResult =
    last?.role === 'user' &&
    Array.isArray(last.content) &&
    last.content.some((b) => b.type === 'tool_result');
  const choice = req.tool_choice;
  return {
    model,
    bodyKey: JSON.stringify(keyed),
    promptTokens: inputTokens,
    maxTokens: req.max_tokens,
    choices: 1,
    tools: (req.tools ?? []).map((t) => ({ name: t.name, schema: (t.input_schema ?? {}) as JsonSchema })),
    toolChoice:
      choice?.type === 'none'
        ? 'none'
        : choice?.type === 'tool' && choice.name
          ? { name: choice.name }
          : 'auto',
    lastIsToolResult,
    format: req.output_config?.format
      ? { type: 'json_schema', schema: req.output_config.format.schema as JsonSchema }
      : { type: 'text' },
  };
}
