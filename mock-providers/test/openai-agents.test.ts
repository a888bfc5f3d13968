import { Agent, OpenAIProvider, Runner, setTracingDisabled, tool } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { admin, useMockServer } from './helpers/mock';

// The Agents SDK exports traces to api.openai.com by default: never from a test.
setTracingDisabled(true);

const mock = useMockServer();

describe('@openai/agents (Responses API) against the mock', () => {
  it('runs an agent whose tool is called, its output sent back, then a final answer', async () => {
    const runner = new Runner({
      modelProvider: new OpenAIProvider({
        apiKey: 'tenant-agents',
        baseURL: `${mock().url}/v1`,
        useResponses: true,
      }),
      tracingDisabled: true,
    });
    const calls: string[] = [];
    const weather = tool({
      name: 'get_weather',
      description: 'Weather in a city',
      parameters: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        calls.push(city);
        return `Sunny in ${city}`;
      },
    });
    const agent = new Agent({
      name: 'Forecaster',
      instructions: 'Use the tool.',
      model: 'gpt-4o',
      tools: [weather],
    });
    const before = await admin<{ byRoute: Record<string, number> }>(mock().url, 'stats');
    const result = await runner.run(agent, 'Weather in Paris?');
    expect(calls).toHaveLength(1);
    expect(typeof result.finalOutput).toBe('string');
    expect(String(result.finalOutput).length).toBeGreaterThan(0);
    const after = await admin<{ byRoute: Record<string, number> }>(mock().url, 'stats');
    const responses =
      (after.byRoute['POST /v1/responses'] ?? 0) - (before.byRoute['POST /v1/responses'] ?? 0);
    expect(responses).toBe(2);
  });

  it('streams an agent run', async () => {
    const runner = new Runner({
      modelProvider: new OpenAIProvider({
        apiKey: 'tenant-agents',
        baseURL: `${mock().url}/v1`,
        useResponses: true,
      }),
      tracingDisabled: true,
    });
    const agent = new Agent({ name: 'Echo', instructions: 'Answer.', model: 'gpt-4o-mini' });
    const stream = await runner.run(agent, 'Hello', { stream: true });
    let text = '';
    for await (const chunk of stream.toTextStream()) text += chunk;
    await stream.completed;
    expect(text.length).toBeGreaterThan(0);
    expect(stream.finalOutput).toBe(text);
  });
});
