/** What the rate-limit editor holds: a named mode, or custom overrides as JSON text. */
export type RateLimitChoice = { mode: 'published' } | { mode: 'off' } | { mode: 'custom'; json: string };

/** The mock's `rateLimits` setting as the editor shows it. */
export function choiceFromSetting(setting: unknown): RateLimitChoice {
  if (setting === 'off') return { mode: 'off' };
  if (setting === 'published' || setting === undefined || setting === null) return { mode: 'published' };
  return { mode: 'custom', json: JSON.stringify(setting, null, 2) };
}

/**
 * The body value for `PUT /api/mock/config` from the editor, or a message saying what is wrong
 * with the JSON (the mock still validates the content and names any problem itself).
 */
export function rateLimitsValue(choice: RateLimitChoice): { value: unknown } | { error: string } {
  if (choice.mode !== 'custom') return { value: choice.mode };
  let parsed: unknown;
  try {
    parsed = JSON.parse(choice.json);
  } catch (e) {
    return { error: `rate limit overrides are not valid JSON: ${(e as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { error: 'rate limit overrides must be an object like {"openai/gpt-4o-mini": {"rpm": 5}}' };
  return { value: parsed };
}
