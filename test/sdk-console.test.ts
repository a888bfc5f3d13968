import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startTestStack } from './helpers';

describe('provider SDK console output', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  const printed: unknown[][] = [];
  const original = console.error;
  beforeAll(async () => {
    // what reaches the terminal: the stack routes around this from now on, for SDK output only
    console.error = (...args: unknown[]) => {
      printed.push(args);
    };
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
    console.error = original;
  });

  it('goes to the request log, not the terminal (openai on a chunk_malformed stream)', async () => {
    const r = await post(
      `${stack.url}/api/invoke/streaming`,
      { provider: 'openai', model: 'gpt-4o-mini', maxTokens: 32 },
      { 'x-mock-fault': 'chunk_malformed' },
    );
    expect(r.body.ok).toBe(false);
    console.error('not from an SDK');
    const dir = stack.store.config.mode === 'embedded' ? stack.store.config.dataDir : '';
    await stack.close(); // flushes the request log
    const log = readFileSync(path.join(dir, 'logs', 'requests.log'), 'utf8');
    expect(log).toContain('provider SDK console output');
    expect(log).toContain('Could not parse message into JSON');
    expect(printed).toEqual([['not from an SDK']]);
  });
});
