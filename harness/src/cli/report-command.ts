import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { harnessConfigFromEnv } from '../config';
import { runRegistry } from '../runs/registry';
import { compareRuns, comparisonMarkdown } from '../runs/report/compare';
import { reportHtml } from '../runs/report/html';
import { reportMarkdown } from '../runs/report/markdown';
import { buildRunReport, type RunReport } from '../runs/report/report-data';
import { seedTablesMarkdown } from '../runs/report/seed-tables';
import { openStore } from '../store/client';
import { storeConfigFromEnv } from '../store/config';
import { apiTarget, callApi, harnessIsUp } from './api-client';

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
  if (await harnessIsUp(target))
    return callApi<RunReport>(target, `/api/runs/${encodeURIComponent(runId)}/report`);
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

/** `harness compare <baseline> <candidate> [--format md|json] [--out file]`. */
export async function compareCommand(
  a: string,
  b: string,
  opts: { format: string; out?: string },
): Promise<void> {
  if (opts.format !== 'md' && opts.format !== 'json')
    throw new Error(`unknown format "${opts.format}": valid formats are md, json`);
  if (opts.out !== undefined) reportPath(opts.out);
  const c = compareRuns(await fetchReport(a), await fetchReport(b));
  emit(opts.format === 'json' ? `${JSON.stringify(c, null, 2)}\n` : comparisonMarkdown(c), opts.out);
}
