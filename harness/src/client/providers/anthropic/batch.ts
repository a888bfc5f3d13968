import type Anthropic from '@anthropic-ai/sdk';
import { classifyError } from '../../classify';
import { ClassifiedError } from '../../error-class';
import type { BatchJobOptions, ChatRequest, ChatResult } from '../../types';
import { pollUntil } from '../poll';
import { anthropicParams, fromMessage } from './message-body';

/**
 * Run chat requests through Anthropic's Message Batches: create, poll until `ended`, then stream the
 * JSONL results (the SDK fetches the absolute `results_url`) and match them by `custom_id`.
 */
export async function runAnthropicBatch(
  sdk: Anthropic,
  reqs: ChatRequest[],
  o: BatchJobOptions,
): Promise<(ChatResult | ClassifiedError)[]> {
  const opts = { signal: o.signal, headers: o.headers };
  const started = performance.now();
  try {
    let batch = await sdk.messages.batches.create(
      {
        requests: reqs.map((r, i) => ({
          custom_id: `req-${i}`,
          params: { ...anthropicParams(r), stream: false },
        })),
      },
      opts,
    );
    batch = await pollUntil(
      () => sdk.messages.batches.retrieve(batch.id, {}, opts),
      (b) => b.processing_status === 'ended',
      o,
    );
    o.onJob?.({ id: batch.id, status: batch.processing_status, counts: { ...batch.request_counts } });
    const results = new Map<string, Anthropic.Messages.Batches.MessageBatchResult>();
    for await (const line of await sdk.messages.batches.results(batch.id, {}, opts))
      results.set(line.custom_id, line.result);
    const elapsed = performance.now() - started;
    return reqs.map((req, i) => {
      const r = results.get(`req-${i}`);
      if (!r)
        return new ClassifiedError('batch_partial', 'batch ended without a result for this request', {
          retryable: false,
        });
      if (r.type === 'succeeded') {
        try {
          return fromMessage(r.message, req, elapsed);
        } catch (e) {
          return classifyError(e);
        }
      }
      if (r.type === 'expired')
        return new ClassifiedError('batch_expired', 'request expired in the batch', { retryable: false });
      if (r.type === 'canceled')
        return new ClassifiedError('cancelled', 'request canceled in the batch', { retryable: false });
      return new ClassifiedError(
        'batch_item_failure',
        r.error?.error?.message ?? 'request errored in the batch',
        { retryable: false },
      );
    });
  } catch (e) {
    throw classifyError(e);
  }
}
