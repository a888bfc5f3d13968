import { describe, expect, it } from 'vitest';
import { confusionGrid } from './confusion-rows';

describe('confusionGrid', () => {
  it('orders none and ok first and totals each row', () => {
    const g = confusionGrid([
      { injected: 'timeout', observed: 'network', requests: 2 },
      { injected: 'none', observed: 'ok', requests: 9 },
      { injected: 'timeout', observed: 'ok', requests: 1 },
    ]);
    expect(g.columns).toEqual(['ok', 'network']);
    expect(g.rows).toEqual([
      { injected: 'none', counts: [9, 0], total: 9 },
      { injected: 'timeout', counts: [1, 2], total: 3 },
    ]);
  });
});
