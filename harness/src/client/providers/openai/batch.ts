import type OpenAI from 'openai';
import { toFile } from 'openai';
import { classifyError } from '../../classify';
import { ClassifiedError } from '../../error-class';
import type { BatchJobOptions, ChatRequest, ChatResult } from '../../types';
import { pollUntil } from '../poll';
import { fromCompletion, openAiBody } from './chat-body';

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

interface OutputLine {
  custom_id: string;
  response: { status_code: number; body: unknown } | null;
  error: { code?: string; message?: string } | null;
}

/**
 * Run chat requests through OpenAI's Batch API: upload a JSONL file, create the batch, poll it to a
 * terminal state, then read the output and error files and match lines by `custom_id` (never by
 * order). A request with no line at all is a `batch_partial` casualty; an expired batch's missing
 * requests are `batch_expired`.
 */
export async function runOpenAiBatch(
  sdk: OpenAI,
  reqs: ChatRequest[],
  o: BatchJobOptions,
): Promise<(ChatResult | ClassifiedError)[]> {
  const opts = { signal: o.signal, headers: o.headers };
  const started = performance.now();
  try {
    const jsonl = reqs
      .map((r, i) =>
        JSON.stringify({
          custom_id: `req-${i}`,
          method: 'POST',
          url: '/v1/chat/completions',
          body: openAiBody(r),
        }),
      )
      .join('\n');
    const file = await sdk.files.create(
      { file: await toFile(Buffer.from(jsonl), 'batch.jsonl'), purpose: 'batch' },
      opts,
    );
    let batch = await sdk.batches.create(
      { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
      opts,
    );
    batch = await pollUntil(
      () => sdk.batches.retrieve(batch.id, opts),
      (b) => TERMINAL.has(b.status),
      o,
    );
    o.onJob?.({ id: batch.id, status: batch.status, counts: { ...(batch.request_counts ?? {}) } });
    const lines: OutputLine[] = [];
    for (const id of [batch.output_file_id, batch.error_file_id]) {
      if (!id) continue;
      const text = await (await sdk.files.content(id, opts)).text();
      for (const l of text.split('\n')) if (l.trim()) lines.push(JSON.parse(l) as OutputLine);
    }
    const byId = new Map(lines.map((l) => [l.custom_id, l]));
    const elapsed = performance.now() - started;
    return reqs.map((req, i) => {
      const line = byId.get(`req-${i}`);
      if (!line) {
        return batch.status === 'expired'
          ? new ClassifiedError('batch_expired', 'batch expired before this request ran', {
              retryable: false,
            })
          : new ClassifiedError('batch_partial', `batch ${batch.status} without a result for this request`, {
              retryable: false,
            });
      }
      if (line.error || !line.response || line.response.status_code >= 400) {
        const code = line.error?.code ?? '';
        const cls = code === 'batch_expired' ? 'batch_expired' : 'batch_item_failure';
        return new ClassifiedError(
          cls,
          line.error?.message ?? `item failed with status ${line.response?.status_code}`,
          { retryable: false },
        );
      }
      try {
        return fromCompletion(line.response.body, req, elapsed);
      } catch (e) {
        return classifyError(e);
      }
    });
  } catch (e) {
    throw classifyError(e);
  }
}
