import { describe, expect, it } from 'vitest';
import { flushWithin } from './bounded-flush';

describe('flushWithin', () => {
  it('says whether the flush finished before the bound', async () => {
    expect(await flushWithin(async () => undefined, 60_000)).toBe(true);
    // a store that is down: the flush never settles, the run's end goes on
    expect(await flushWithin(() => new Promise<void>(() => undefined), 1)).toBe(false);
  });
});
