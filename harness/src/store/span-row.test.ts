import { describe, expect, it } from 'vitest';
import { attributeMap, attributeRecordMap, attributeString } from './span-row';

describe('attribute maps', () => {
  it('sort keys and stringify values the way pdata prints them', () => {
    const row = attributeMap([
      ['b', 2.5],
      ['a', ['x', 1]],
      ['c', true],
    ]);
    expect(JSON.stringify(row)).toBe('{"a":"[\\"x\\",1]","b":"2.5","c":"true"}');
    expect(attributeRecordMap({ b: 2.5, a: ['x', 1], c: true })).toEqual(row);
  });

  it('keep an attribute named __proto__ as data, not as the prototype', () => {
    const fromEntries = attributeMap([
      ['__proto__', 'p'],
      ['z', 1],
    ]);
    const fromRecord = attributeRecordMap(JSON.parse('{"__proto__":"p","z":1}'));
    for (const m of [fromEntries, fromRecord]) {
      expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
      expect(JSON.stringify(m)).toBe('{"__proto__":"p","z":"1"}');
    }
  });

  it('print empty values as empty strings', () => {
    expect(attributeString(undefined)).toBe('');
    expect(attributeString(null)).toBe('');
  });
});
