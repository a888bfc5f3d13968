/**
 * Everything k6 loads parses as ES2017 modules (what stock k6 v0.49 accepts) and `k6 inspect`s for
 * every scenario. Where k6 is required (CI, or HARNESS_REQUIRE_K6=1) a missing k6 fails here
 * instead of skipping.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { loadRegistry, loadScenario } from '../src/scenarios/load';
import { planScenario } from '../src/scenarios/plan';
import { k6OnPath, k6Required, runK6Tests } from './helpers/k6';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Every .js file under scenarios/ (scenario files, lib/, k6/). */
function k6Files(dir = path.join(root, 'scenarios')): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return k6Files(p);
    return p.endsWith('.js') ? [p] : [];
  });
}

describe('what k6 loads', () => {
  it('is k6 on PATH where k6 is required', () => {
    if (k6Required)
      expect(k6OnPath, 'k6 is required here (CI / HARNESS_REQUIRE_K6=1) but not on PATH').toBe(true);
  });

  it('parses as ES2017 modules, the syntax stock k6 v0.49 accepts', () => {
    const files = k6Files();
    expect(files.map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining(['scenarios/index.js', 'scenarios/lib/plan.js', 'scenarios/k6/run.js']),
    );
    for (const f of files) {
      expect(
        () => parse(readFileSync(f, 'utf8'), { ecmaVersion: 2017, sourceType: 'module' }),
        f,
      ).not.toThrow();
    }
  });

  it('type-checks against @types/k6 (and every scenario against the schema type)', async () => {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const r = await run(process.execPath, [tsc, '-p', 'scenarios/k6'], { cwd: root }).catch((e) => e);
    expect(`${r.stdout ?? ''}${r.stderr ?? ''}`).toBe('');
  }, 120_000);

  it.skipIf(!runK6Tests)(
    'k6 inspect accepts every scenario, as written and stretched',
    async () => {
      const inspect = async (name: string, extra: string[] = []) => {
        const args = ['inspect', '-e', `SCENARIO=${name}`, ...extra, 'scenarios/k6/run.js'];
        const options = JSON.parse((await run('k6', args, { cwd: root })).stdout);
        expect(Object.keys(options.scenarios), name).toEqual(['load']);
        // The contract's executor; with ARRIVALS=seeded (harness run --engine k6) Poisson arrivals
        // are paced by the script, one iteration per arrival.
        const poisson = (await loadScenario(name)).poisson && extra.includes('ARRIVALS=seeded');
        expect(options.scenarios.load.executor, name).toBe(
          poisson ? 'shared-iterations' : 'ramping-arrival-rate',
        );
        return options.scenarios.load;
      };
      // Two at a time: each inspect compiles the whole registry (seconds on a busy 2-core box).
      const queue = Object.keys(await loadRegistry());
      const worker = async () => {
        for (let name = queue.shift(); name; name = queue.shift()) await inspect(name);
      };
      await Promise.all([worker(), worker()]);
      const stretched = await inspect('sse-drop-wave', ['-e', 'DURATION=30s']);
      expect(stretched.stages.slice(2)).toEqual([{ duration: '30s', target: 200 }]);
      const constant = await inspect('direct-ramp', ['-e', 'RATE=90/m', '-e', 'DURATION=45s']);
      expect(constant).toMatchObject({
        startRate: 59,
        stages: [
          { duration: '1s', target: 59 },
          { duration: '0s', target: 90 },
          { duration: '45s', target: 90 },
        ],
      });
      // production-mix is Poisson: with ARRIVALS=seeded (as harness run --engine k6 passes), an
      // iteration per arrival of the same seeded schedule as the driver.
      const mix = await loadScenario('production-mix');
      const arrivals = planScenario(mix, { rateRpm: 90, durationMs: 45_000 }).schedule.offsetsMs.length;
      const seededArgs = ['-e', 'RATE=90/m', '-e', 'DURATION=45s', '-e', 'ARRIVALS=seeded'];
      const paced = await inspect('production-mix', seededArgs);
      expect(paced).toMatchObject({ iterations: arrivals, maxDuration: '46s', vus: 30 });
    },
    600_000,
  );
});
