import { describe, expect, it } from 'vitest';
import { k6RunArgs } from './run-k6';

const base = {
  scenarioJson: '/tmp/s.json',
  summaryPath: '/tmp/out.json',
  runId: 'r1',
  harnessUrl: 'http://127.0.0.1:1',
};

describe('k6RunArgs', () => {
  it('passes the scenario, run, overrides and the user flags; --vus becomes the VU cap', () => {
    const args = k6RunArgs({
      ...base,
      overrides: { rateRpm: 90, durationMs: 45_000 },
      k6Args: ['--vus', '50', '--out', 'json=k6.json', '-e', 'X=1'],
    });
    expect(args.slice(0, 2)).toEqual(['run', '--no-color']);
    for (const e of ['SCENARIO_JSON=/tmp/s.json', 'RUN_ID=r1', 'RATE=90', 'DURATION=45s', 'MAX_VUS=50'])
      expect(args).toContain(e);
    expect(args.join(' ')).toContain('--out json=k6.json -e X=1');
    expect(args.at(-1)).toMatch(/scenarios\/k6\/run\.js$/);
    expect(k6RunArgs({ ...base, k6Args: ['--vus=7'] })).toContain('MAX_VUS=7');
  });

  it('refuses flags that would replace the scenario executor, naming the flag', () => {
    expect(() => k6RunArgs({ ...base, k6Args: ['--duration', '10s'] })).toThrow(
      /--duration .*harness run --rate\/--duration/,
    );
    expect(() => k6RunArgs({ ...base, k6Args: ['--iterations=5'] })).toThrow(/--iterations/);
    expect(() => k6RunArgs({ ...base, k6Args: ['--vus', 'many'] })).toThrow(/--vus: expected a whole number/);
  });
});
