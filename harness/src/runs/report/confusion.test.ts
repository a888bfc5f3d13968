import { describe, expect, it } from 'vitest';
import { confusionMarkdown, confusionTable } from './confusion';

describe('confusion matrix', () => {
  it('puts none and ok first, fills empty cells with a dot and totals each row', () => {
    const t = confusionTable([
      { injected: 'timeout', observed: 'network', requests: 2 },
      { injected: 'none', observed: 'ok', requests: 90 },
      { injected: 'timeout', observed: 'ok', requests: 3 },
      { injected: 'rate_limit', observed: 'rate_limit', requests: 5 },
    ]);
    expect(t.head).toEqual(['injected by mock ↓ / client saw →', 'ok', 'network', 'rate_limit', 'requests']);
    expect(t.rows).toEqual([
      ['none', '90', '·', '·', '90'],
      ['rate_limit', '·', '·', '5', '5'],
      ['timeout', '3', '2', '·', '5'],
    ]);
  });

  it('prints nothing for a run without requests', () => {
    expect(confusionMarkdown([])).toEqual([]);
  });
});
