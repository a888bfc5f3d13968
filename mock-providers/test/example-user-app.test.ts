import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../src/index';

/** The user's app code: summarise a text with OpenAI (talks to api.openai.com by default). */
async function summarize(client: OpenAI, text: string): Promise<{ summary: string; tokens: number }> {
  const res = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Summarize concisely.' },
      { role: 'user', content: text },
    ],
    max_completion_tokens: 60,
  });
  return { summary: res.choices[0]?.message.content ?? '', tokens: res.usage?.total_tokens ?? 0 };
}

const server = setupServer(...handlers);
beforeAll(() => {
  handlers.context.update({ timeScale: 0 });
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(() => server.close());

describe('a user app tested with setupServer(...handlers)', () => {
  it('summarises through the mocked OpenAI API without any network', async () => {
    const client = new OpenAI({ apiKey: 'test-key' });
    const { summary, tokens } = await summarize(client, 'A long text about load testing LLM integrations.');
    expect(summary.length).toBeGreaterThan(0);
    expect(tokens).toBeGreaterThan(0);
  });

  it('sees the provider error shape for a bad request', async () => {
    const client = new OpenAI({ apiKey: 'test-key', maxRetries: 0 });
    const err = await client.chat.completions
      .create({ model: 'gpt-unknown', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
