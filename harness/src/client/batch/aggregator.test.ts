import { describe, expect, it } from 'vitest';
import { createBatchAggregator } from './aggregator';

describe('batch aggregator', () => {
  it('submits when maxItems are waiting and hands each caller its own result', async () => {
    const submitted: number[][] = [];
    const agg = createBatchAggregator<number, number>({
      maxItems: 3,
      maxWaitMs: 10_000,
      submit: async (items) => {
        submitted.push(items);
        return items.map((i) => (i === 2 ? new Error('item 2 failed') : i * 10));
      },
    });
    const results = await Promise.allSettled([agg.add(1), agg.add(2), agg.add(3)]);
    expect(submitted).toEqual([[1, 2, 3]]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      10,
      'item 2 failed',
      30,
    ]);
  });

  it('submits a partial group after maxWaitMs', async () => {
    const agg = createBatchAggregator<string, string>({
      maxItems: 100,
      maxWaitMs: 5,
      submit: async (items) => items.map((s) => s.toUpperCase()),
    });
    expect(await agg.add('a')).toBe('A');
    expect(agg.waiting).toBe(0);
  });

  it('rejects every caller when the submission fails', async () => {
    const agg = createBatchAggregator<number, number>({
      maxItems: 2,
      maxWaitMs: 5,
      submit: async () => {
        throw new Error('batch expired');
      },
    });
    await expect(Promise.all([agg.add(1), agg.add(2)])).rejects.toThrow('batch expired');
  });
});
