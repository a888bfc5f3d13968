import { describe, expect, it } from 'vitest';
import { mergeGauges } from './merge-gauges';

describe("mergeGauges: one client's gauges over the client workers", () => {
  it('sums the queue depth of every worker that reported the client', () => {
    const merged = mergeGauges(
      [
        { smoke: { queueDepth: 3, breakers: {} } },
        { smoke: { queueDepth: 4, breakers: {} }, other: { queueDepth: 100, breakers: {} } },
        undefined,
        {},
      ],
      'smoke',
    );
    expect(merged.queueDepth).toBe(7);
  });

  it('shows each provider/model at its worst state over the workers', () => {
    const merged = mergeGauges(
      [
        { s: { queueDepth: 0, breakers: { 'openai/a': 'closed', 'openai/b': 'half-open', 'x/c': 'off' } } },
        { s: { queueDepth: 0, breakers: { 'openai/a': 'open', 'openai/b': 'closed', 'x/d': 'closed' } } },
        {
          s: {
            queueDepth: 0,
            breakers: { 'openai/a': 'half-open', 'openai/b': 'isolated', 'x/c': 'closed' },
          },
        },
      ],
      's',
    );
    expect(merged.breakers).toEqual({
      'openai/a': 'open',
      'openai/b': 'isolated',
      'x/c': 'closed',
      'x/d': 'closed',
    });
  });

  it('does not depend on the order of the workers', () => {
    const a = { s: { queueDepth: 1, breakers: { k: 'half-open' } } };
    const b = { s: { queueDepth: 2, breakers: { k: 'open' } } };
    expect(mergeGauges([a, b], 's')).toEqual(mergeGauges([b, a], 's'));
  });

  it('lets no unknown state hide a known one', () => {
    const merged = mergeGauges(
      [
        { s: { queueDepth: 0, breakers: { k: 'weird' } } },
        { s: { queueDepth: 0, breakers: { k: 'closed' } } },
      ],
      's',
    );
    expect(merged.breakers.k).toBe('closed');
  });

  it('is empty for a client no worker has (yet)', () => {
    expect(mergeGauges([undefined, { other: { queueDepth: 5, breakers: { k: 'open' } } }], 's')).toEqual({
      queueDepth: 0,
      breakers: {},
    });
  });
});
