/**
 * Run isolation on the mock: a run applies its scenario's mock settings WHOLE (documented defaults +
 * the scenario's `mock` section + its seed), starts from reset limiter state and stats, and puts
 * back the settings it found when it ends, however it ends. Every engine (builtin, k6) goes through
 * `isolateMock`, so no run's numbers depend on which run went before.
 */
import type { MockSettings } from '../contracts/live';
import type { Scenario } from '../scenarios/schema';

/** The mock's documented defaults (ARCHITECTURE.md) that a run's settings start from. */
export const MOCK_RUN_DEFAULTS = { profile: 'ideal', timeScale: 1, rateLimits: 'published' } as const;

/** The mock's admin API (`/__admin/*`). */
export interface MockAdmin {
  /** Where it is, for error messages. */
  readonly where: string;
  getConfig(): Promise<MockSettings>;
  /** `PUT /__admin/config`; answers the config now in force. */
  putConfig(config: MockSettings): Promise<MockSettings>;
  /** `POST /__admin/reset`: stats, limiter state, stored files/batches, PRNG from the seed. */
  reset(): Promise<void>;
}

/** The full mock config a scenario runs on: the defaults, its seed, then its own `mock` section. */
export function scenarioMockConfig(s: Pick<Scenario, 'seed' | 'mock'>): MockSettings {
  const own = Object.fromEntries(Object.entries(s.mock ?? {}).filter(([, v]) => v !== undefined));
  return { ...MOCK_RUN_DEFAULTS, seed: s.seed, ...own } as MockSettings;
}

/** The admin API of the mock at `mockUrl` (plain HTTP; a 4xx/5xx or no answer throws naming it). */
export function mockAdminAt(mockUrl: string): MockAdmin {
  const base = mockUrl.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${base}/__admin/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new Error(
        `mock providers at ${base} did not answer ${method} /__admin/${path}: ${(e as Error).message}`,
      );
    }
    const text = await res.text();
    if (!res.ok)
      throw new Error(`mock at ${base} refused ${method} /__admin/${path} (${res.status}): ${text}`);
    return text ? (JSON.parse(text) as unknown) : {};
  };
  return {
    where: base,
    getConfig: async () => (await call('GET', 'config')) as MockSettings,
    putConfig: async (config) => (await call('PUT', 'config', config)) as MockSettings,
    reset: async () => {
      await call('POST', 'reset', {});
    },
  };
}

/** A run's hold on the mock: what it found, what is in force, and how to put things back. */
export interface MockLease {
  /** The settings in force before the run (restored at its end). */
  found: MockSettings;
  /** The effective settings the run runs on (`GET /__admin/config` after applying). */
  applied: MockSettings;
  /** Put back `found` (once; later calls are no-ops). */
  restore(): Promise<void>;
}

/**
 * Apply a scenario's mock settings whole, reset the mock's state, and read back what is in force.
 * When a step after reading the current settings fails, they are put back before the error is
 * rethrown, so a failed start leaves the mock as it was.
 */
export async function isolateMock(
  admin: MockAdmin,
  scenario: Pick<Scenario, 'seed' | 'mock'>,
): Promise<MockLease> {
  const found = await admin.getConfig();
  let restored: Promise<void> | undefined;
  const restore = () => {
    restored ??= admin.putConfig(found).then(() => undefined);
    return restored;
  };
  try {
    await admin.putConfig(scenarioMockConfig(scenario));
    await admin.reset();
    const applied = await admin.getConfig();
    return { found, applied, restore };
  } catch (e) {
    await restore().catch(() => {});
    throw new Error(`cannot apply the scenario's mock settings: ${(e as Error).message}`);
  }
}
