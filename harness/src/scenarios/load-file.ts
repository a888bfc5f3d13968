/**
 * A user's scenario file, by path (`harness run examples/your-app/scenario.js`): the same plain ES
 * module shape as `scenarios/*.js`, its default export (or `scenario` export) validated by the one
 * schema. It is evaluated in the CLI's process, so a URL it builds from the environment (e.g.
 * `EXAMPLE_PORT`) is the user's shell's; the harness receives the resulting object.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenario } from './load';
import type { Scenario } from './schema';

/** True when a `harness run` argument names a file rather than a registered scenario. */
export function isScenarioPath(arg: string): boolean {
  return /\.(m?js)$/.test(arg) || arg.includes('/') || arg.includes('\\');
}

/** Import and validate a scenario file; the error names the file and each failing field. */
export async function loadScenarioFile(path: string): Promise<{ raw: unknown; scenario: Scenario }> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new Error(`scenario file not found: ${path}`);
  const mod = (await import(pathToFileURL(abs).href)) as { default?: unknown; scenario?: unknown };
  const raw = mod.default ?? mod.scenario;
  if (raw === undefined) throw new Error(`${path} must export a scenario (export default { name, … })`);
  // A JSON round trip: what the harness API receives is exactly what was validated here.
  const plain: unknown = JSON.parse(JSON.stringify(raw));
  return { raw: plain, scenario: parseScenario(plain, path) };
}
