import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunRecord, runRegistry } from '../src/runs/registry';
import { openStore, type Store } from '../src/store/client';
import { migrate } from '../src/store/migrate';
import { MIGRATIONS } from '../src/store/migrations/index';
import { HARNESS_RUNS_SETTINGS_DDL } from '../src/store/migrations/runs';

const run = (runId: string, settings: RunRecord['settings']): RunRecord => ({
  runId,
  scenario: 'smoke',
  engine: 'builtin',
  status: 'completed',
  seed: 1,
  gitVersion: 'test',
  config: {},
  settings,
  summary: null,
  thresholdsPassed: true,
  startedAt: '2026-12-07T05:00:00.000Z',
  endedAt: '2026-12-07T05:01:00.000Z',
});

/** A store made before runs recorded their settings gains the column; migrating again changes nothing. */
describe('run registry: recorded settings and their migration', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'registry-settings-'));
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ mode: 'embedded', dataDir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds the settings column to an old registry, keeps old rows readable, and is idempotent', async () => {
    const before = MIGRATIONS.filter((m) => m.id !== '0006_harness_runs_settings');
    await migrate(store, before);
    await store.client.insert({
      table: 'harness_runs',
      format: 'JSONEachRow',
      values: [
        {
          run_id: 'old-run',
          scenario: 'smoke',
          engine: 'builtin',
          status: 'completed',
          seed: 1,
          git_version: 'old',
          config: '{}',
          summary: '',
          thresholds_passed: 1,
          owner: 'h:1',
          started_at: '2026-12-06T05:00:00.000',
          ended_at: null,
          version: 1,
        },
      ],
    });
    expect(await migrate(store)).toEqual(['0006_harness_runs_settings']);
    expect(await migrate(store)).toEqual([]);
    await store.client.command({ query: HARNESS_RUNS_SETTINGS_DDL });

    const registry = runRegistry(store);
    expect((await registry.get('old-run'))?.settings).toBeNull();
    const settings = {
      mock: { profile: 'ideal', seed: 11, timeScale: 1, rateLimits: 'published' },
      client: { pooling: true, retry: { maxRetries: 3 } },
    };
    await registry.save(run('new-run', settings));
    expect((await registry.get('new-run'))?.settings).toEqual(settings);
    await registry.save(run('unset-run', null));
    expect((await registry.get('unset-run'))?.settings).toBeNull();
  });
});
