/**
 * Load scenarios from `scenarios/index.js` (the static registry k6 also reads) and validate them
 * at this edge. The import is by URL so the plain JS files stay outside the TypeScript project.
 */
import type { z } from 'zod';
import { type Scenario, scenarioSchema } from './schema';

const INDEX_URL = new URL('../../../scenarios/index.js', import.meta.url);

/** Validate one raw scenario; the error names the scenario and each failing field. */
export function parseScenario(raw: unknown, label = 'scenario'): Scenario {
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) throw new Error(`invalid scenario "${label}":\n${formatIssues(r.error)}`);
  return r.data;
}

/** `  - stages.0.duration: invalid duration "5 min": …` lines, one per issue. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n');
}

/** The raw registry `{ [name]: scenario }`, unvalidated (for listing and error messages). */
export async function loadRegistry(indexUrl: URL = INDEX_URL): Promise<Record<string, unknown>> {
  const mod = (await import(indexUrl.href)) as { scenarios?: Record<string, unknown> };
  if (!mod.scenarios || typeof mod.scenarios !== 'object') {
    throw new Error(`${indexUrl.pathname} must export { scenarios: { [name]: scenario } }`);
  }
  return mod.scenarios;
}

/** Every scenario, validated; a key that differs from its scenario's `name` is an error too. */
export async function loadScenarios(indexUrl: URL = INDEX_URL): Promise<Record<string, Scenario>> {
  const out: Record<string, Scenario> = {};
  for (const [key, raw] of Object.entries(await loadRegistry(indexUrl))) {
    const s = parseScenario(raw, key);
    if (s.name !== key)
      throw new Error(`invalid scenario "${key}": registered under "${key}" but named "${s.name}"`);
    out[key] = s;
  }
  return out;
}

/** One scenario by name; an unknown name lists the valid ones. */
export async function loadScenario(name: string, indexUrl: URL = INDEX_URL): Promise<Scenario> {
  const registry = await loadRegistry(indexUrl);
  if (!Object.hasOwn(registry, name)) {
    throw new Error(`unknown scenario "${name}": valid names are ${Object.keys(registry).sort().join(', ')}`);
  }
  return parseScenario(registry[name], name);
}
