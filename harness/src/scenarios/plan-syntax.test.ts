import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseRate } from '../../../scenarios/lib/plan.js';

describe('parseRate', () => {
  it('converts every unit to requests per minute', () => {
    expect(parseRate('100/m')).toBe(100);
    expect(parseRate('10/s')).toBe(600);
    expect(parseRate('6000/h')).toBe(100);
    expect(parseRate('694')).toBe(694);
    expect(parseRate(12.5)).toBe(12.5);
  });

  it('names the input and the accepted forms on bad syntax', () => {
    expect(() => parseRate('10/d')).toThrow(/invalid rate "10\/d".*"100\/m"/);
    expect(() => parseRate('fast')).toThrow(/"fast"/);
    expect(() => parseRate(-1)).toThrow(/invalid rate -1/);
  });

  it('round-trips any non-negative per-second rate', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => parseRate(`${n}/s`) === n * 60));
  });
});

describe('parseDuration', () => {
  it('accepts k6-style compound durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1m30s500ms')).toBe(90_500);
  });

  it('names the input and the accepted forms on bad syntax', () => {
    expect(() => parseDuration('')).toThrow(/invalid duration ""/);
    expect(() => parseDuration('5 minutes')).toThrow(/"5 minutes".*"1h30m"/);
    expect(() => parseDuration('30')).toThrow(/"30"/);
  });

  it('round-trips formatDuration for whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (ms) => parseDuration(formatDuration(ms)) === ms),
    );
  });
});
