import { z } from 'zod';
import type { GenerationRequest } from '../../content/decision';
import type { JsonSchema } from '../../content/json-schema';
import { countTokens } from '../../content/tokens';
import type { ModelSpec } from '../../models/catalog';

const part = z.looseObject({ type: z.string(), text: z.string().optional() });
const content = z.union([z.string(), z.array(part)]);
const KNOWN_ITEMS = ['message', 'function_call', 'function_call_output'];

/** `{ role, content }` (EasyInputMessage) or `{ type: 'message', role, content }`. */
const messageItem = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content,
});
const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});
const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: content,
});
/** Items the mock accepts and counts but does not interpret (`item_reference`, `reasoning`…). */
const otherItem = z
  .looseObject({ type: z.string() })
  .refine((i) => !KNOWN_ITEMS.includes(i.type), { message: 'Invalid input item.' });

const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
/** Built-in tools (`web_search`, `file_search`…) are accepted and echoed; the mock never calls them. */
const otherTool = z.looseObject({ type: z.string() }).refine((t) => t.type !== 'function');

const format = z.union([
  z.looseObject({ type: z.enum(['text', 'json_object']) }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
    description: z.string().nullish(),
  }),
]);

/** `POST /v1/responses` body (unknown fields accepted, as the real API ignores them). */
export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.union([messageItem, functionCallItem, functionCallOutputItem, otherItem])),
  ]),
  instructions: z.string().nullish(),
  max_output_tokens: z.number().int().nullish(),
  tools: z.array(z.union([functionTool, otherTool])).nullish(),
  tool_choice: z
    .union([
      z.enum(['none', 'auto', 'required']),
      z.looseObject({ type: z.literal('function'), name: z.string().min(1) }),
    ])
    .nullish(),
  text: z.looseObject({ format: format.optional() }).nullish(),
  previous_response_id: z.string().nullish(),
  store: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  user: z.string().nullish(),
});

/** The validated Responses request. */
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
type InputItem = Exclude<ResponsesRequest['input'], string>[number];

/** The smallest `max_output_tokens` the real API accepts. */
export const MIN_OUTPUT_TOKENS = 16;

/** Function tools of a request, narrowed. */
export function functionTools(req: ResponsesRequest): Array<z.infer<typeof functionTool>> {
  return (req.tools ?? []).filter((t): t is z.infer<typeof functionTool> => t.type === 'function');
}

function contentText(c: z.infer<typeof content>): string {
  return typeof c === 'string' ? c : c.map((p) => p.text ?? '').join('');
}

/** The input as items (a string input is one user message). */
export function inputItems(req: ResponsesRequest): InputItem[] {
  return typeof req.input === 'string' ? [{ role: 'user', content: req.input }] : req.input;
}

/** Tokens of one input item: its text + ~3 framing tokens, as chat counts a message. */
function itemTokens(item: InputItem): number {
  if (item.type === 'function_call') {
    const call = item as z.infer<typeof functionCallItem>;
    return 3 + countTokens(call.name + call.arguments);
  }
  if (item.type === 'function_call_output')
    return 3 + countTokens(contentText((item as z.infer<typeof functionCallOutputItem>).output));
  if ('role' in item) return 3 + countTokens(contentText((item as z.infer<typeof messageItem>).content));
  return 3 + countTokens(JSON.stringify(item));
}

/**
 * Tokens of this request's own input items (what a later `previous_response_id` carries on);
 * instructions and tools are counted separately because they are not carried on.
 */
export function itemsTokens(req: ResponsesRequest): number {
  return inputItems(req).reduce((sum, item) => sum + itemTokens(item), 0);
}

/** Input tokens of the request: framing, instructions, the carried context, own items, tools. */
export function inputTokensOf(req: ResponsesRequest, carriedTokens: number): number {
  let total = 3 + carriedTokens + itemsTokens(req);
  if (req.instructions) total += 3 + countTokens(req.instructions);
  const tools = req.tools ?? [];
  if (tools.length > 0) total += countTokens(JSON.stringify(tools));
  return total;
}

/** `call_id`s of the function calls in the input items. */
export function inputCallIds(req: ResponsesRequest): string[] {
  return inputItems(req).flatMap((i) =>
    i.type === 'function_call' ? [(i as z.infer<typeof functionCallItem>).call_id] : [],
  );
}

/** `call_id`s the input answers with `function_call_output` items. */
export function answeredCallIds(req: ResponsesRequest): string[] {
  return inputItems(req).flatMap((i) =>
    i.type === 'function_call_output' ? [(i as z.infer<typeof functionCallOutputItem>).call_id] : [],
  );
}

/** Maps the Responses request onto the provider-neutral generation request. */
export function toGeneration(
  req: ResponsesRequest,
  model: ModelSpec,
  promptTokens: number,
): GenerationRequest {
  const { stream: _s, store: _st, metadata: _m, ...keyed } = req;
  const choice = req.tool_choice;
  const f = req.text?.format;
  return {
    model,
    bodyKey: JSON.stringify(keyed),
    promptTokens,
    maxTokens: req.max_output_tokens ?? undefined,
    choices: 1,
    tools: functionTools(req).map((t) => ({ name: t.name, schema: (t.parameters ?? {}) as JsonSchema })),
    toolChoice:
      choice === 'none' ? 'none' : typeof choice === 'object' && choice ? { name: choice.name } : 'auto',
    lastIsToolResult: inputItems(req).at(-1)?.type === 'function_call_output',
    format:
      f?.type === 'json_schema'
        ? { type: 'json_schema', schema: f.schema as JsonSchema }
        : f?.type === 'json_object'
          ? { type: 'json_object' }
          : { type: 'text' },
  };
}
