import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './helpers/import-graph';

const src = (pkg: string) => fileURLToPath(new URL(`../../${pkg}/src`, import.meta.url));

/**
 * No module of a package's `src/` imports (directly or through others) one that imports it back,
 * type-only imports included: shared types and functions move down into their own file.
 */
describe('import cycles', () => {
  it.each(['harness', 'mock-providers'])('%s/src has none', (pkg) => {
    const graph = importGraph(src(pkg));
    expect(graph.size).toBeGreaterThan(20);
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the detector itself)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
