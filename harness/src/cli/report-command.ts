import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { harnessConfigFromEnv } from '../config';
import type { Comparison } from '../contracts/compare';
import { runRegistry } from '../runs/registry';
import { type CompareSide, compareRuns, compareSide, comparisonMarkdown } from '../runs/report/compare';
import { reportHtml } from '../runs/report/html';
import { reportMarkdown } from '../runs/report/markdown';
import { buildRunReport, type RunReport } from '../runs/report/report-data';
import { seedTablesMarkdown } from '../runs/report/seed-tables';
import { openStore } from '../store/client';
import { storeConfigFromEnv } from '../store/config';
import { apiCall, apiTarget, harnessIsUp } from './api-client';

const FORMATS = ['md', 'json', 'html', 'seed'] as const;
/** Reports are written under this folder; `--out` cannot leave it. */
export const REPORTS_DIR = path.resolve('reports');

/** Resolve `--out` inside reports/, refusing paths that would escape it. */
export function reportPath(out: string, dir = REPORTS_DIR): string {
  const resolved = path.resolve(dir, out);
  if (!resolved.startsWith(`${dir}${path.sep}`)) {
    throw new Error(`--out must stay inside ${dir} (got ${out})`);
  }
  return resolved;
}

/** A run's report from the running harness, or straight from the store when none is up. */
async function fetchReport(runId: string): Promise<RunReport> {
  const target = apiTarget(harnessConfigFromEnv());
  if (await harnessIsUp(target)) return apiCall(target)('report', { params: { id: runId } });
  const store = await openStore(storeConfigFromEnv());
  try {
    const run = await runRegistry(store).get(runId);
    if (!run)
      throw new Error(
        `no run "${runId}" (list them with: harness sql "SELECT run_id, scenario, status FROM harness_runs FINAL")`,
      );
    return await buildRunReport(store, run);
  } finally {
    await store.close();
  }
}

function emit(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  const file = reportPath(out);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}

/** `harness report <run> [--format md|json|html|seed] [--out file]`. */
export async function reportCommand(runId: string, opts: { format: string; out?: string }): Promise<void> {
  if (!FORMATS.includes(opts.format as (typeof FORMATS)[number]))
    throw new Error(`unknown format "${opts.format}": valid formats are ${FORMATS.join(', ')}`);
  if (opts.out !== undefined) reportPath(opts.out); // refuse a bad --out before any work
  const report = await fetchReport(runId);
  const text =
    opts.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : opts.format === 'html'
        ? reportHtml(report, { dashboardUrl: apiTarget(harnessConfigFromEnv()).baseUrl })
        : opts.format === 'seed'
          ? seedTablesMarkdown(report)
          : reportMarkdown(report);
  emit(text, opts.out);
}

/** Options of `harness compare`. */
export interface CompareOptions {
  format: string;
  json?: boolean;
  strict?: boolean;
  out?: string;
}

/** The comparison from the running harness, or computed straight from the store when none is up. */
async function fetchComparison(baseline: string, candidates: string[]): Promise<Comparison> {
  const target = apiTarget(harnessConfigFromEnv());
  if (await harnessIsUp(target)) {
    return apiCall(target)('compare', { query: { baseline, candidates: candidates.join(',') } });
  }
  const store = await openStore(storeConfigFromEnv());
  try {
    const registry = runRegistry(store);
    const sides: CompareSide[] = [];
    for (const id of [baseline, ...candidates]) {
      const run = await registry.get(id);
      if (!run) throw new Error(`no run "${id}"`);
      sides.push(await compareSide(store, run));
    }
    const [base, ...rest] = sides as [CompareSide, ...CompareSide[]];
    return compareRuns(base, rest);
  } finally {
    await store.close();
  }
}

/**
 * `harness compare <baseline> <candidate…> [--json] [--strict] [--out file]`: 0 when compared,
 * 1 under `--strict` when the runs differ in scenario, engine, mock or client settings.
 */
export async function compareCommand(
  baseline: string,
  candidates: string[],
  opts: CompareOptions,
): Promise<number> {
  const format = opts.json ? 'json' : opts.format;
  if (format !== 'md' && format !== 'json')
    throw new Error(`unknown format "${format}": valid formats are md, json`);
  if (opts.out !== undefined) reportPath(opts.out);
  const c = await fetchComparison(baseline, candidates);
  if (opts.strict && c.warnings.length) {
    process.stderr.write(`harness: runs are not comparable (--strict): ${c.warnings.join('; ')}\n`);
    return 1;
  }
  for (const w of c.warnings) if (format === 'md' || opts.out) process.stderr.write(`warning: ${w}\n`);
  emit(format === 'json' ? `${JSON.stringify(c, null, 2)}\n` : comparisonMarkdown(c), opts.out);
  return 0;
}
