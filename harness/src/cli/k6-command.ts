import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isolateMock } from '../runs/mock-isolation';
import { newRunId } from '../runs/run-manager';
import type { ApiTarget } from './api-client';
import { mockAdminViaHarness } from './mock-admin-client';

const K6_SCRIPT = new URL('../../../scenarios/k6/run.js', import.meta.url).pathname;

/** True when a `k6` binary is on PATH. */
export function k6Available(): boolean {
  return spawnSync('k6', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * `harness run --engine k6`: the same scenario through stock k6 (scenarios/k6/run.js) against this
 * harness's `/api/invoke`. k6's exit code is the run's (99 = thresholds failed); its JSON summary
 * lands in reports/<run>-k6-summary.json.
 */
export async function runWithK6(
  scenario: string,
  opts: { rate?: string; duration?: string },
  target: ApiTarget,
): Promise<number> {
  if (!k6Available()) {
    throw new Error(
      'k6 is not on PATH. Install stock k6 v0.49+ (https://grafana.com/docs/k6/latest/set-up/install-k6/), or run with --engine builtin (the default).',
    );
  }
  if (opts.rate || opts.duration)
    throw new Error('--rate and --duration apply to the builtin engine; for k6 edit the scenario stages');
  // The scenario's mock settings apply whole (and the mock's state resets) before k6 starts, and the
  // settings found are put back when it ends, as builtin runs do.
  const { loadScenario } = await import('../scenarios/load');
  const s = await loadScenario(scenario);
  const lease = await isolateMock(mockAdminViaHarness(target), s);
  const runId = newRunId();
  mkdirSync('reports', { recursive: true });
  const summary = path.resolve('reports', `${runId}-k6-summary.json`);
  const env = ['SCENARIO', scenario, 'HARNESS_URL', target.baseUrl, 'RUN_ID', runId, 'SUMMARY_PATH', summary];
  if (target.token) env.push('HARNESS_TOKEN', target.token);
  const args = ['run'];
  for (let i = 0; i < env.length; i += 2) args.push('-e', `${env[i]}=${env[i + 1]}`);
  args.push(K6_SCRIPT);
  process.stdout.write(`run ${runId}: ${scenario} with k6 → summary ${summary}\n`);
  try {
    return await new Promise<number>((resolve, reject) => {
      const child = spawn('k6', args, { stdio: 'inherit' });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    await lease.restore();
  }
}
