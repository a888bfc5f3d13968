import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

describe('Lru', () => {
  it('keeps recently used entries and forgets old unused ones, within its bound', () => {
    const lru = new Lru<string, number>(4);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3); // generation turns over: a, b are the older generation
    expect(lru.get('a')).toBe(1); // used: moves to the newer generation
    lru.set('d', 4); // turns over again: b (unused) is dropped
    lru.set('e', 5);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.size).toBeLessThanOrEqual(4);
  });

  it('never holds more than its bound', () => {
    const lru = new Lru<number, number>(10);
    for (let i = 0; i < 1_000; i++) lru.set(i, i);
    expect(lru.size).toBeLessThanOrEqual(10);
    expect(lru.get(999)).toBe(999);
  });
});
