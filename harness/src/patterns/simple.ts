import type { CallOutcome } from '../client/call-outcome';
import type { ChatRequest, ChatResult } from '../client/types';
import { defaultInput } from './default-inputs';
import {
  apiOf,
  type PatternContext,
  type PatternName,
  type PatternOutcome,
  type PatternRequest,
  type PatternRunner,
} from './types';

/** The one request the single-call patterns send; only streaming and the default size differ. */
function oneCall(
  pattern: PatternName,
  req: PatternRequest,
  stream: boolean,
  defaultMaxTokens: number,
): ChatRequest {
  return {
    provider: req.provider,
    model: req.model,
    ...apiOf(req),
    stream,
    maxTokens: req.maxTokens ?? defaultMaxTokens,
    messages: [
      { role: 'system', content: 'Answer concisely and accurately.' },
      { role: 'user', content: req.input ?? defaultInput(pattern) },
    ],
  };
}

const tagged = (ctx: PatternContext, pattern: PatternName) => ({ ...ctx, pattern, headers: ctx.headers });

/** Pattern 1, API wrapper: one non-streamed call, the whole answer in one payload. */
export const direct: PatternRunner = async (req, deps, ctx) =>
  single(await deps.client.chat(oneCall('direct', req, false, 256), tagged(ctx, 'direct')));

/** Pattern 2, streaming: tokens arrive as SSE; TTFT is the first content chunk. */
export const streaming: PatternRunner = async (req, deps, ctx) =>
  single(await deps.client.chat(oneCall('streaming', req, true, 512), tagged(ctx, 'streaming')));

/** Pattern 3, batch: the call waits for a provider batch job shared with other calls (50 % price). */
export const batch: PatternRunner = async (req, deps, ctx) =>
  single(
    await deps.client.batchChat(oneCall('batch', req, false, 128), { ...tagged(ctx, 'batch'), batch: true }),
  );

function single(o: CallOutcome<ChatResult>): PatternOutcome {
  return {
    ok: o.ok,
    ...(o.ok ? {} : { error: o.error }),
    text: o.ok ? o.value.text : '',
    calls: [o],
    steps: 1,
    ttftMs: o.ttftMs,
    tpotMs: o.tpotMs,
  };
}
