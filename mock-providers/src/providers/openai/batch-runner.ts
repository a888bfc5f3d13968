import type { MockContext } from '../../context';
import { itemFates } from '../../faults/batch';
import { randomAlnum, randomHex } from '../../http/ids';
import { HttpFailure } from '../../http/respond';
import type { OpenAIBatch } from './batch-store';
import { completeChat, parseChat } from './chat';
import { createEmbeddings } from './embeddings';
import { openaiErrors } from './errors';
import { putFile } from './file-store';
import { completeResponse, parseResponses } from './responses';

/** Runs one batch line through the same decide/render code as the live endpoint. */
async function runLine(
  ctx: MockContext,
  endpoint: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const errors = openaiErrors();
  try {
    if (endpoint === '/v1/embeddings') return { status: 200, body: createEmbeddings(ctx, body, errors).body };
    if (endpoint === '/v1/responses')
      return { status: 200, body: completeResponse(ctx, parseResponses(ctx, body, errors)).bodyOf() };
    return { status: 200, body: completeChat(ctx, await parseChat(body, errors)).body };
  } catch (err) {
    if (err instanceof HttpFailure) return { status: err.response.status, body: await err.response.json() };
    throw err;
  }
}

/** An error line of a request the completion window ran out on (`batch_expired`). */
const EXPIRED = {
  code: 'batch_expired',
  message: 'This request could not be executed before the completion window expired.',
};

/** A request failed by `batch_item_failure`: a 500 in the error file, as a live call would fail. */
const ITEM_FAILED = {
  status: 500,
  body: {
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    },
  },
};

/**
 * Produces a completed (or expired) batch's output file (successes) and error file (non-200 lines) in the
 * `BatchRequestOutput` JSONL shape; runs once, when the batch is first seen completed.
 */
export async function finishBatch(ctx: MockContext, batch: OpenAIBatch): Promise<void> {
  if (batch.finished) return;
  batch.finished = true;
  const ok: string[] = [];
  const failed: string[] = [];
  const fates = itemFates(batch.fault, batch.lines.length);
  for (const [i, line] of batch.lines.entries()) {
    const fate = fates[i] ?? 'ok';
    if (fate === 'missing') continue; // batch_partial: the request simply has no result line
    const id = `batch_req_${randomAlnum(24)}`;
    if (fate === 'expired') {
      failed.push(JSON.stringify({ id, custom_id: line.custom_id, response: null, error: EXPIRED }));
      continue;
    }
    const result = fate === 'failed' ? ITEM_FAILED : await runLine(ctx, batch.endpoint, line.body);
    const out = {
      id,
      custom_id: line.custom_id,
      response: { status_code: result.status, request_id: `req_${randomHex(16)}`, body: result.body },
      error: null,
    };
    (result.status === 200 ? ok : failed).push(JSON.stringify(out));
  }
  batch.counts = { completed: ok.length, failed: failed.length };
  if (ok.length > 0)
    batch.outputFileId = putFile(ctx, `${batch.id}_output.jsonl`, 'batch_output', `${ok.join('\n')}\n`).id;
  if (failed.length > 0)
    batch.errorFileId = putFile(ctx, `${batch.id}_error.jsonl`, 'batch_output', `${failed.join('\n')}\n`).id;
}
