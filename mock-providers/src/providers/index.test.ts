import { describe, expect, it } from 'vitest';
import { createContext } from '../context';
import { createHandlers } from '../handlers';
import { PROVIDER_MODULES } from '.';

describe('provider registry', () => {
  it('registers every provider once, in handler order', () => {
    expect(PROVIDER_MODULES.map((p) => p.name)).toEqual(['openai', 'anthropic', 'gemini']);
  });

  it("builds the handler list from the registry: each provider's routes in order, then admin", () => {
    const ctx = createContext();
    const fromModules = PROVIDER_MODULES.flatMap((p) => p.handlers(ctx)).map((h) => h.info.header);
    const list = createHandlers().map((h) => h.info.header);
    expect(list.slice(0, fromModules.length)).toEqual(fromModules);
    expect(list[0]).toBe('POST */v1/chat/completions');
    expect(list.slice(fromModules.length).every((h) => h.includes('/__admin'))).toBe(true);
  });
});
