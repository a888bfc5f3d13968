import { describe, expect, it } from 'vitest';
import type { InstrumentSection } from '../../lib/server-types';
import { errorRows, populationLine, verdictLine } from './instrument-rows';

const dist = (p99: number | null, count = 40) => ({
  count,
  min: 0,
  max: p99,
  avg: 1,
  p50: 1,
  p90: 2,
  p95: 3,
  p99,
});

const section = (over: Partial<InstrumentSection> = {}): InstrumentSection => ({
  compared: 40,
  ttftError: dist(14.4),
  e2eError: dist(4),
  mockLateness: dist(30),
  loops: [],
  unreliable: true,
  reasons: ['TTFT error p99 14.4 ms > 10 ms'],
  ...over,
});

describe('instrument error panel rows', () => {
  it('flags the p99 that crosses its limit; the e2e error and the mock’s lateness have none', () => {
    expect(errorRows(section({ e2eError: dist(40) })).map((r) => [r.quantity, r.overLimit])).toEqual([
      ['TTFT error', true],
      ['e2e error', null],
      ["mock's own lateness", null],
    ]);
    expect(errorRows(section({ ttftError: dist(null, 0) }))[0]?.overLimit).toBe(false);
  });

  it('words the verdict with its reasons and states the population', () => {
    expect(verdictLine(section())).toBe('UNRELIABLE run: TTFT error p99 14.4 ms > 10 ms');
    expect(verdictLine(section({ unreliable: false, reasons: [] }))).toMatch(
      /^Reliable run: .*≤ 5 ms.*≤ 10 ms/,
    );
    expect(populationLine(section())).toMatch(
      /^40 requests compared: the measured window \(warm-up excluded\)/,
    );
    expect(populationLine(section({ compared: 0, notCompared: 'URL target' }))).toMatch(/URL target\.$/);
  });
});
