import { describe, expect, it } from 'vitest';
import { costOf, projectCost } from './cost';
import { PRICE_TABLE_DATE, priceOf } from './prices';

describe('cost', () => {
  it('prices OpenAI usage with cached prompt tokens at the cached rate', () => {
    // 1,000 prompt tokens of which 400 cached, 200 completion tokens on gpt-4o-mini.
    const c = costOf('gpt-4o-mini', { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 200 });
    expect(c?.input).toBeCloseTo((600 * 0.15 + 400 * 0.075) / 1e6, 12);
    expect(c?.output).toBeCloseTo((200 * 0.6) / 1e6, 12);
  });

  it('prices Anthropic cache reads and writes separately and resolves aliases', () => {
    const c = costOf('claude-sonnet-4-0', {
      inputTokens: 1000 + 500 + 2000,
      cacheWriteInputTokens: 500,
      cachedInputTokens: 2000,
      outputTokens: 100,
    });
    expect(c?.total).toBeCloseTo((1000 * 3 + 500 * 3.75 + 2000 * 0.3 + 100 * 15) / 1e6, 12);
  });

  it('halves batch calls and knows nothing of unknown models', () => {
    const std = costOf('gpt-4o', { inputTokens: 1000, outputTokens: 1000 });
    const batch = costOf('gpt-4o', { inputTokens: 1000, outputTokens: 1000 }, { batch: true });
    expect(batch?.total).toBeCloseTo((std?.total ?? 0) / 2, 12);
    expect(costOf('gpt-9', { inputTokens: 1, outputTokens: 1 })).toBeUndefined();
    expect(PRICE_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  /**
   * The seed's "Cost Math — Pattern Selection by Volume" table says it assumes 1K tokens per
   * request at GPT-4o-mini pricing ($0.15/$0.60 per 1M), yet its $2.50 per 1K requests is exactly
   * GPT-4o's *input* price (1M input tokens × $2.50/1M). At GPT-4o-mini prices 1K requests of 1K
   * input tokens cost $0.15 (or $0.60 as output). The table is reproduced with GPT-4o input pricing.
   */
  it.each([
    [1_000, 2.5, 1.25],
    [10_000, 25, 12.5],
    [100_000, 250, 125],
    [1_000_000, 2_500, 1_250],
    [10_000_000, 25_000, 12_500],
  ])('reproduces the seed cost-math row for %i requests/month', (requests, direct, batch) => {
    const perRequest = costOf('gpt-4o', { inputTokens: 1000, outputTokens: 0 })?.total ?? Number.NaN;
    const perBatchRequest =
      costOf('gpt-4o', { inputTokens: 1000, outputTokens: 0 }, { batch: true })?.total ?? Number.NaN;
    expect(perRequest * requests).toBeCloseTo(direct, 6);
    expect(perBatchRequest * requests).toBeCloseTo(batch, 6);
    // The stated assumption (GPT-4o-mini) does not give the seed's figures: flag it.
    const mini = costOf('gpt-4o-mini', { inputTokens: 1000, outputTokens: 0 })?.total ?? 0;
    expect(mini * requests).not.toBeCloseTo(direct, 2);
  });

  it('derives cost per 1K requests and per day from a mean cost and a rate', () => {
    const p = projectCost(0.001, 700);
    expect(p.per1kRequests).toBeCloseTo(1, 12);
    expect(p.perDay).toBeCloseTo(1008, 9);
    expect(priceOf('models/gemini-2.5-flash')?.output).toBe(2.5);
  });
});
