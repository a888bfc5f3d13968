/**
 * `npm run bench`: run every benchmark under bench/ (each module exports `run()`), one after the
 * other so they do not compete for the 2 cores, and print one table of goals, ratios and verdicts.
 * `npm run bench -- span-ingest mock-throughput` runs only those.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { printResults } from './print';
import type { BenchResult } from './types';

const NOT_BENCHES = new Set(['run-all', 'print', 'types', 'cpu-profile-summary']);
const here = new URL('.', import.meta.url);
const only = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((n) => !NOT_BENCHES.has(n) && (only.length === 0 || only.includes(n)))
  .sort();

const rows: (BenchResult & { bench: string })[] = [];
for (const name of names) {
  process.stderr.write(`bench: ${name}…\n`);
  const mod = (await import(new URL(`${name}.ts`, here).href)) as { run?: () => Promise<BenchResult[]> };
  if (typeof mod.run !== 'function') continue;
  try {
    for (const r of await mod.run()) rows.push({ ...r, bench: name });
  } catch (e) {
    rows.push({ bench: name, goal: '(bench crashed)', measured: String(e), ratio: null, pass: false });
  }
}
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
printResults(rows);
process.exitCode = rows.every((r) => r.pass !== false) ? 0 : 1;
