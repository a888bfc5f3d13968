import type { ChatMessage } from '../client/types';
import { defaultInput } from './default-inputs';
import type { PatternOutcome, PatternRunner } from './types';

const SYSTEM: ChatMessage = { role: 'system', content: 'Answer concisely and accurately.' };

function messages(input: string): ChatMessage[] {
  return [SYSTEM, { role: 'user', content: input }];
}

/** Pattern 1, API wrapper: one non-streamed call, the whole answer in one payload. */
export const direct: PatternRunner = async (req, deps, ctx) => {
  const o = await deps.client.chat(
    {
      provider: req.provider,
      model: req.model,
      stream: false,
      maxTokens: req.maxTokens ?? 256,
      messages: messages(req.input ?? defaultInput('direct')),
      headers: ctx.headers,
    },
    { ...ctx, pattern: 'direct', headers: ctx.headers },
  );
  return single(o);
};

/** Pattern 2, streaming: tokens arrive as SSE; TTFT is the first content chunk. */
export const streaming: PatternRunner = async (req, deps, ctx) => {
  const o = await deps.client.chat(
    {
      provider: req.provider,
      model: req.model,
      stream: true,
      maxTokens: req.maxTokens ?? 512,
      messages: messages(req.input ?? defaultInput('streaming')),
    },
    { ...ctx, pattern: 'streaming', headers: ctx.headers },
  );
  return single(o);
};

/** Pattern 3, batch: the call waits for a provider batch job shared with other calls (50 % price). */
export const batch: PatternRunner = async (req, deps, ctx) => {
  const o = await deps.client.batchChat(
    {
      provider: req.provider,
      model: req.model,
      stream: false,
      maxTokens: req.maxTokens ?? 128,
      messages: messages(req.input ?? defaultInput('batch')),
    },
    { ...ctx, pattern: 'batch', headers: ctx.headers, batch: true },
  );
  return single(o);
};

function single(o: Awaited<ReturnType<Parameters<PatternRunner>[1]['client']['chat']>>): PatternOutcome {
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
