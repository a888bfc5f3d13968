import { z } from 'zod';
import type { GenerationRequest } from '../../content/decision';
import type { JsonSchema } from '../../content/json-schema';
import { countTokens } from '../../content/tokens';
import type { ModelSpec } from '../../models/catalog';

const part = z.looseObject({
  text: z.string().optional(),
  functionCall: z.looseObject({ name: z.string() }).optional(),
  functionResponse: z.looseObject({ name: z.string() }).optional(),
});
const content = z.looseObject({ role: z.string().optional(), parts: z.array(part).min(1) });
const declaration = z.looseObject({
  name: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).optional(),
  parametersJsonSchema: z.record(z.string(), z.unknown()).optional(),
});

/** `:generateContent` / `:streamGenerateContent` body (camelCase). */
export const generateRequestSchema = z.looseObject({
  contents: z.array(content).min(1),
  systemInstruction: z.looseObject({ parts: z.array(part) }).optional(),
  generationConfig: z
    .looseObject({
      maxOutputTokens: z.number().int().positive().optional(),
      candidateCount: z.number().int().min(1).max(8).optional(),
      responseMimeType: z.string().optional(),
      responseSchema: z.record(z.string(), z.unknown()).optional(),
      responseJsonSchema: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(declaration).optional() })).optional(),
  toolConfig: z
    .looseObject({
      functionCallingConfig: z
        .looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() })
        .optional(),
    })
    .optional(),
});

/** The validated Gemini generate request. */
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

const partsText = (parts: z.infer<typeof part>[]): string =>
  parts
    .map(
      (p) =>
        p.text ??
        (p.functionCall || p.functionResponse ? JSON.stringify(p.functionCall ?? p.functionResponse) : ''),
    )
    .join('');

/** Prompt tokens (o200k approximation): system instruction + contents + function declarations. */
export function promptTokensOf(
  req: Pick<GenerateRequest, 'contents' | 'systemInstruction' | 'tools'>,
): number {
  let total = countTokens(partsText(req.systemInstruction?.parts ?? []));
  for (const c of req.contents) total += countTokens(partsText(c.parts));
  if (req.tools) total += countTokens(JSON.stringify(req.tools));
  return Math.max(1, total);
}

/** Maps the Gemini request onto the provider-neutral generation request. */
export function toGeneration(
  req: GenerateRequest,
  model: ModelSpec,
  promptTokens: number,
): GenerationRequest {
  const gc = req.generationConfig;
  const schema = gc?.responseJsonSchema ?? gc?.responseSchema;
  const tools = (req.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const fc = req.toolConfig?.functionCallingConfig;
  const forced = fc?.mode === 'ANY' && fc.allowedFunctionNames?.[0];
  const lastParts = req.contents.at(-1)?.parts ?? [];
  return {
    model,
    bodyKey: JSON.stringify(req),
    promptTokens,
    maxTokens: gc?.maxOutputTokens,
    choices: gc?.candidateCount ?? 1,
    tools: tools.map((d) => ({
      name: d.name,
      schema: (d.parametersJsonSchema ?? d.parameters ?? {}) as JsonSchema,
    })),
    toolChoice: fc?.mode === 'NONE' ? 'none' : forced ? { name: forced } : 'auto',
    lastIsToolResult: lastParts.some((p) => p.functionResponse !== undefined),
    format: schema
      ? { type: 'json_schema', schema: schema as JsonSchema }
      : gc?.responseMimeType === 'application/json'
        ? { type: 'json_object' }
        : { type: 'text' },
  };
}
