import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from './profile-names';
import { PROFILES, profileSettingSchema } from './profiles';

describe('built-in profiles', () => {
  it('are exactly the names of profile-names.ts, in its order', () => {
    expect(PROFILES.map((p) => p.name)).toEqual([...PROFILE_NAMES]);
  });

  it('accept every listed name as a setting and name them all when refusing another', () => {
    for (const name of PROFILE_NAMES) expect(profileSettingSchema.parse(name)).toBe(name);
    const refused = profileSettingSchema.safeParse('sunny');
    expect(refused.success).toBe(false);
    expect(refused.error?.message).toContain(PROFILE_NAMES.join(', '));
  });
});
