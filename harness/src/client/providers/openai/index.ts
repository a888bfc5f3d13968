import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { classifyError } from '../../classify';
import type { AttemptOptions, ChatResult, ProviderAdapter } from '../../types';
import { endpointOf } from '../endpoint';
import { finishJson, StreamAccumulator } from '../stream-accumulator';
import { runOpenAiBatch } from './batch';
import { fromCompletion, openAiBody } from './chat-body';
import { responsesChat } from './responses';
/** OpenAI through the official `openai` SDK (retries off; our policies retry). */
export function openAiAdapter(baseURL: string, apiKey: string, fetchImpl: typeof fetch): ProviderAdapter {
  const sdk = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 600_000, fetch: fetchImpl });
  return {
    provider: 'openai',
    ...endpointOf(baseURL),
    async chat(req, o: AttemptOptions): Promise<ChatResult> {
      if (req.api === 'responses') return responsesChat(sdk, req, o);
      const started = performance.now();
      const opts = { signal: o.signal, headers: o.headers };
      if (!req.stream) {
        const data = await sdk.chat.completions
          .create({ ...openAiBody(req), stream: false }, opts)
          .catch((e) => {
            throw classifyError(e, 'request');
          });
        return finishJson(req, fromCompletion(data, req, performance.now() - started));
      }
      const stream = await sdk.chat.completions
        .create({ ...openAiBody(req), stream: true, stream_options: { include_usage: true } }, opts)
        .catch((e) => {
          throw classifyError(e, 'request');
        });
      const acc = new StreamAccumulator(req, started, o);
      const calls = new Map<number, { id: string; name: string; arguments: string }>();
      try {
        for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
          acc.responseId ||= chunk.id;
          acc.responseModel ||= chunk.model;
          const choice = chunk.choices[0];
          const delta = choice?.delta;
          let content = false;
          if (delta?.content) {
            acc.text += delta.content;
            content = true;
          }
          for (const tc of delta?.tool_calls ?? []) {
            const call = calls.get(tc.index) ?? { id: '', name: '', arguments: '' };
            call.id ||= tc.id ?? '';
            call.name ||= tc.function?.name ?? '';
            if (tc.function?.arguments) {
              call.arguments += tc.function.arguments;
              content = true;
            }
            calls.set(tc.index, call);
          }
          if (choice?.finish_reason) acc.finishReasons.push(choice.finish_reason);
          if (chunk.usage) {
            acc.reportUsage({
              inputTokens: chunk.usage.prompt_tokens,
              outputTokens: chunk.usage.completion_tokens,
              cachedInputTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
            });
          }
          acc.chunk(content);
        }
      } catch (e) {
        throw acc.fail(e);
      }
      acc.toolCalls = [...calls.values()];
      return acc.finish();
    },
    submitBatch: (reqs, o) => runOpenAiBatch(sdk, reqs, o),
    async embed(model, inputs, o) {
      const res = await sdk.embeddings
        .create({ model, input: inputs }, { signal: o.signal, headers: o.headers })
        .catch((e) => {
          throw classifyError(e, 'request');
        });
      return {
        vectors: res.data.map((d) => d.embedding as number[]),
        usage: { inputTokens: res.usage.prompt_tokens, outputTokens: 0 },
      };
    },
  };
}
