import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { Usage } from '../cost/cost';
import { clientConfigSchema } from './config';
import { createPipeline, type Operation } from './pipeline';
import { createBreakers } from './policies/breakers';
import type { Provider, ProviderAdapter } from './types';

/** An adapter that is never called directly: the operation's `attempt` does the work. */
const adapter = (provider: Provider) =>
  ({ provider, serverAddress: '127.0.0.1', serverPort: 1 }) as unknown as ProviderAdapter;

describe('the call deadline in the pipeline', () => {
  it('starts no fallback once an attempt has run into the deadline (its timer may fire early)', async () => {
    const config = clientConfigSchema.parse({
      retry: false,
      // every primary attempt times out here: a breaker that opened would answer for it
      breaker: { consecutiveFailures: 1_000_000 },
      timeout: { totalMs: 7.5, attemptMs: 10_000, idleMs: 10_000 },
    });
    const breakers = createBreakers(config.breaker);
    const pipeline = createPipeline({
      config,
      adapters: { openai: adapter('openai'), anthropic: adapter('anthropic'), gemini: adapter('gemini') },
      breakers,
      tracer: trace.getTracer('test'),
    });
    let fallbacksStarted = 0;
    // An attempt that hangs until the call's deadline aborts it; the fallback takes `timeout`.
    const op: Operation<{ usage: Usage }> = {
      name: 'chat',
      stream: false,
      targets: [
        { provider: 'openai', model: 'gpt-4o-mini' },
        { provider: 'anthropic', model: 'claude-3-5-haiku-20241022', on: ['timeout'] },
      ],
      attempt: (a, _model, options) => {
        if (a.provider === 'anthropic') fallbacksStarted++;
        return new Promise((_, reject) =>
          options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true }),
        );
      },
    };
    // ~1 % of calls saw the early timer before the fix: 600 make a miss all but certain
    for (let i = 0; i < 600; i++) {
      const out = await pipeline.execute(op, {});
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.error.message).toBe('call deadline reached');
      expect(out.attempts).toBe(1);
    }
    expect(fallbacksStarted).toBe(0);
  }, 30_000);
});
