import { describe, expect, it } from 'vitest';
import { configPatchSchema } from '../options';
import { describeIssue } from './respond';

const problem = (value: unknown) => {
  const r = configPatchSchema.safeParse(value);
  if (r.success) throw new Error('expected a validation failure');
  return describeIssue(r.error);
};

describe('describeIssue on a union (the mock admin rateLimits setting)', () => {
  it('lists the accepted shapes when no branch fits at all', () => {
    const p = problem({ rateLimits: 5 });
    expect(p.param).toBe('rateLimits');
    expect(p.message).toMatch(
      /^Invalid 'rateLimits': expected "published", "off", .*"tier1".* or an object$/,
    );
  });
  it('names the field inside the value that a branch got to', () => {
    expect(problem({ rateLimits: { 'openai/gpt-4o-mini': { rpm: 'x' } } })).toEqual({
      param: 'rateLimits.openai/gpt-4o-mini.rpm',
      message: "Invalid 'rateLimits.openai/gpt-4o-mini.rpm': Invalid input: expected number, received string",
    });
    expect(problem({ rateLimits: { 'openai/nope': { rpm: 1 } } }).message).toBe(
      `Invalid 'rateLimits.openai/nope': unknown model "openai/nope"`,
    );
  });
});
