import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/schema';
import { ceilingPath, ceilingWarnings, readCeilings, writeCeiling } from './ceiling-file';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'ceil-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const scenario = {
  startRate: 10,
  stages: [
    { duration: '30s', target: 100 },
    { duration: '30s', target: 1000 },
  ],
  mix: [
    { pattern: 'streaming', weight: 3 },
    { pattern: 'direct', weight: 1 },
  ],
} as unknown as Scenario;

describe('capacity ceilings file', () => {
  it('keeps each pattern result and reads back what was written', () => {
    const dir = tmp();
    expect(readCeilings(dir)).toBeUndefined();
    writeCeiling(dir, 'streaming', { ceilingRpm: 500, measuredAt: 't1', steps: [] });
    writeCeiling(dir, 'direct', { ceilingRpm: 2000, measuredAt: 't2', steps: [] });
    const c = readCeilings(dir);
    expect(c?.patterns.streaming?.ceilingRpm).toBe(500);
    expect(c?.patterns.direct?.ceilingRpm).toBe(2000);
  });

  it('ignores a file that is not ours', () => {
    const dir = tmp();
    writeFileSync(ceilingPath(dir), '{"hello":1}');
    expect(readCeilings(dir)).toBeUndefined();
  });

  it("warns for each pattern whose share of the run's peak rate is above its ceiling", () => {
    const dir = tmp();
    writeCeiling(dir, 'streaming', { ceilingRpm: 500, measuredAt: 't1', steps: [] });
    writeCeiling(dir, 'direct', { ceilingRpm: 2000, measuredAt: 't2', steps: [] });
    const c = readCeilings(dir);
    // peak 1,000 RPM: streaming 750 (> 500) warns, direct 250 does not
    const w = ceilingWarnings(scenario, undefined, c);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /reaches 750 RPM of streaming, above this machine's measured reliable ceiling of 500 RPM/,
    );
    expect(ceilingWarnings(scenario, 400, c)).toEqual([]);
    expect(ceilingWarnings(scenario, 1000, undefined)).toEqual([]);
  });
});
