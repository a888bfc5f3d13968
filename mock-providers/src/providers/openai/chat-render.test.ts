import { describe, expect, it } from 'vitest';
import { decide } from '../../content/decision';
import { findModel } from '../../models/catalog';
import { renderCompletion, renderCompletionJson, renderStream } from './chat-render';
import { chatRequestSchema, promptTokensOf, toGeneration } from './chat-schema';

function decisionFor(body: unknown) {
  const req = chatRequestSchema.parse(body);
  const model = findModel('openai', req.model);
  if (!model) throw new Error('model');
  const promptTokens = promptTokensOf(req);
  return { decision: decide(toGeneration(req, model, promptTokens), 7, 0), model, promptTokens };
}

describe('renderCompletionJson', () => {
  it('writes the same bytes as JSON.stringify(renderCompletion), from a cached tail', () => {
    const { decision, model, promptTokens } = decisionFor({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say "hi" with a quote and a \\ backslash' }],
      max_tokens: 30,
    });
    for (const id of ['chatcmpl-a1', 'chatcmpl-b2']) {
      const meta = { id, created: 1_795_991_543, model: model.snapshot, promptTokens };
      expect(renderCompletionJson(meta, decision)).toBe(JSON.stringify(renderCompletion(meta, decision)));
    }
  });

  it('renders tool calls whole, each with a fresh call id', () => {
    const { decision, model, promptTokens } = decisionFor({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    const meta = { id: 'chatcmpl-t', created: 1, model: model.snapshot, promptTokens };
    const ids = [0, 1].map(
      () => JSON.parse(renderCompletionJson(meta, decision)).choices[0].message.tool_calls[0].id as string,
    );
    expect(ids[0]).toMatch(/^call_/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('renderStream', () => {
  it('gives every per-token chunk its exact UTF-8 length (the socket writer frames by it)', () => {
    const { decision, model, promptTokens } = decisionFor({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'tell me a story' }],
      max_tokens: 40,
      n: 2,
    });
    // non-ASCII and JSON-escaped content, as a content fault or a schema answer may produce
    const outputs = decision.outputs.map((o, i) =>
      o.kind === 'text' && i === 1 ? { ...o, text: 'Café "crème" — ünïcode 🚀 \\ end' } : o,
    );
    const meta = { id: 'chatcmpl-ü', created: 1, model: model.snapshot, promptTokens };
    const events = renderStream(meta, { ...decision, outputs }, true);
    const sized = events.filter((e) => e.dataBytes !== undefined);
    expect(sized.length).toBeGreaterThan(40);
    for (const e of sized) expect(e.dataBytes).toBe(Buffer.byteLength(e.data));
    expect(sized.some((e) => Buffer.byteLength(e.data) !== e.data.length)).toBe(true);
  });
});
