import { type Content, type GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { Usage } from '../../../cost/cost';
import { classifyError } from '../../classify';
import { ClassifiedError } from '../../error-class';
import type {
  AttemptOptions,
  ChatMessage,
  ChatRequest,
  ChatResult,
  ProviderAdapter,
  ToolCall,
} from '../../types';
import { endpointOf } from '../endpoint';
import { finishJson, StreamAccumulator } from '../stream-accumulator';

function toContents(messages: ChatMessage[]): { system?: string; contents: Content[] } {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n');
  const contents: Content[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    if (m.role === 'tool') {
      contents.push({
        role: 'user',
        parts: [{ functionResponse: { name: m.toolName, response: { result: m.content } } }],
      });
    } else if (m.role === 'assistant') {
      contents.push({
        role: 'model',
        parts: [
          ...(m.content ? [{ text: m.content }] : []),
          ...(m.toolCalls ?? []).map((t) => ({
            functionCall: { name: t.name, args: JSON.parse(t.arguments || '{}') },
          })),
        ],
      });
    } else contents.push({ role: 'user', parts: [{ text: m.content }] });
  }
  return { ...(system ? { system } : {}), contents };
}

function usageOf(r: GenerateContentResponse): Usage | undefined {
  const u = r.usageMetadata;
  if (!u) return undefined;
  // Thought tokens bill as output (wire-formats §4.3).
  return {
    inputTokens: u.promptTokenCount ?? 0,
    outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
    cachedInputTokens: u.cachedContentTokenCount ?? 0,
  };
}

function toolCallsOf(r: GenerateContentResponse, offset: number): ToolCall[] {
  return (r.functionCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_${offset + i}`,
    name: c.name ?? '',
    arguments: JSON.stringify(c.args ?? {}),
  }));
}

/** Gemini through `@google/genai` (its retries are off by default). */
export function geminiAdapter(baseUrl: string, apiKey: string, fetchImpl: typeof fetch): ProviderAdapter {
  const sdk = new GoogleGenAI({ apiKey, httpOptions: { baseUrl, fetch: fetchImpl } as never });
  const request = (req: ChatRequest, o: AttemptOptions) => {
    const { system, contents } = toContents(req.messages);
    return {
      model: req.model,
      contents,
      config: {
        abortSignal: o.signal,
        httpOptions: { headers: o.headers },
        maxOutputTokens: req.maxTokens,
        ...(system ? { systemInstruction: system } : {}),
        ...(req.jsonMode ? { responseMimeType: 'application/json' } : {}),
        ...(req.tools?.length
          ? {
              tools: [
                {
                  functionDeclarations: req.tools.map((t) => ({
                    name: t.name,
                    description: t.description,
                    parametersJsonSchema: t.parameters,
                  })),
                },
              ],
            }
          : {}),
      },
    };
  };
  return {
    provider: 'gemini',
    ...endpointOf(baseUrl),
    async chat(req, o): Promise<ChatResult> {
      const started = performance.now();
      if (!req.stream) {
        const r = await sdk.models.generateContent(request(req, o)).catch((e) => {
          throw classifyError(e, 'request');
        });
        if (typeof r !== 'object' || r === null || !Array.isArray(r.candidates)) {
          throw new ClassifiedError('invalid_json', 'response body is not a GenerateContentResponse');
        }
        const usage = usageOf(r);
        return finishJson(req, {
          text: r.text ?? '',
          toolCalls: toolCallsOf(r, 0),
          finishReasons: r.candidates.map((c) => String(c.finishReason ?? '')).filter(Boolean),
          usage: usage ?? { inputTokens: 0, outputTokens: 0 },
          usageEstimated: usage === undefined,
          responseModel: r.modelVersion ?? req.model,
          responseId: r.responseId ?? '',
          ttftMs: performance.now() - started,
          chunkTimesMs: [],
        });
      }
      const stream = await sdk.models.generateContentStream(request(req, o)).catch((e) => {
        throw classifyError(e, 'request');
      });
      const acc = new StreamAccumulator(req, started, o);
      try {
        for await (const r of stream) {
          acc.responseId ||= r.responseId ?? '';
          acc.responseModel ||= r.modelVersion ?? '';
          const text = r.text ?? '';
          const calls = toolCallsOf(r, acc.toolCalls.length);
          acc.text += text;
          acc.toolCalls.push(...calls);
          for (const c of r.candidates ?? [])
            if (c.finishReason) acc.finishReasons.push(String(c.finishReason));
          const usage = usageOf(r);
          if (usage) acc.reportUsage(usage);
          acc.chunk(text.length > 0 || calls.length > 0);
        }
      } catch (e) {
        throw acc.fail(e);
      }
      return acc.finish();
    },
    async embed(model, inputs, o) {
      const r = await sdk.models
        .embedContent({
          model,
          contents: inputs,
          config: { abortSignal: o.signal, httpOptions: { headers: o.headers } },
        })
        .catch((e) => {
          throw classifyError(e, 'request');
        });
      const vectors = (r.embeddings ?? []).map((e) => e.values ?? []);
      // The Gemini embed API reports no usage; estimate it (marked estimated by the caller).
      const { estimateTokens } = await import('../../estimate-tokens');
      return {
        vectors,
        usage: { inputTokens: inputs.reduce((n, t) => n + estimateTokens(t), 0), outputTokens: 0 },
      };
    },
  };
}
