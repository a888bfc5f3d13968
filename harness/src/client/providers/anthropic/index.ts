import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { classifyError } from '../../classify';
import { ClassifiedError } from '../../error-class';
import type { AttemptOptions, ChatResult, ProviderAdapter } from '../../types';
import { endpointOf } from '../endpoint';
import { finishJson, StreamAccumulator } from '../stream-accumulator';
import { runAnthropicBatch } from './batch';
import { anthropicParams, fromMessage, usageOf } from './message-body';
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
