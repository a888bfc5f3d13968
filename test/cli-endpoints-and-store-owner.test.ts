import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEndpoints } from '../harness/src/cli/endpoints';
import { startTestStack } from './helpers';
import { freePort, spawnHarness } from './reliability/support';

describe('what the CLI says about a running harness', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let dataDir = '';
  beforeAll(async () => {
    stack = await startTestStack();
    dataDir = stack.store.config.mode === 'embedded' ? stack.store.config.dataDir : '';
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('prints each endpoint once, and each answers at the printed URL', async () => {
    const text = describeEndpoints(stack);
    const url = (label: string) => new RegExp(`^ {2}${label} +(\\S+)`, 'm').exec(text)?.[1] ?? '';
    expect(url('OTLP/HTTP')).toBe(`${stack.otlp.url}`);
    expect(text.match(/\/v1\/traces/g)).toHaveLength(1);
    expect((await fetch(url('Dashboard'))).status).toBe(200);
    expect((await fetch(url('API'))).status).toBe(200);
    expect((await fetch(`${url('Mock')}/__admin/config`)).status).toBe(200);
    // an empty export is a valid OTLP/HTTP JSON request
    const otlp = await fetch(url('OTLP/HTTP'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [] }),
    });
    expect(otlp.status).toBe(200);
  });

  it('leaves its URL in the chDB folder it owns', () => {
    const owner = JSON.parse(readFileSync(path.join(dataDir, 'harness-owner.json'), 'utf8'));
    expect(owner).toEqual({ url: stack.url, pid: process.pid });
  });

  it('names the harness to point at when a CLI command finds the store locked', async () => {
    const nobody = await freePort();
    const child = spawnHarness(['sql', 'SELECT 1'], {
      HARNESS_DATA_DIR: dataDir,
      HARNESS_PORT: String(nobody),
    });
    expect(await child.exited).toBe(1);
    const port = new URL(stack.url).port;
    expect(child.stderr()).toContain(`no harness answers at http://127.0.0.1:${nobody}`);
    expect(child.stderr()).toContain(`in use by the harness at ${stack.url}`);
    expect(child.stderr()).toContain(`HARNESS_PORT=${port}`);
  }, 120_000); // a child CLI process: tsx compiles on start, slow on a loaded machine
});

describe('the owner record', () => {
  it('is removed when the harness stops', async () => {
    const stack = await startTestStack();
    const dir = stack.store.config.mode === 'embedded' ? stack.store.config.dataDir : '';
    expect(existsSync(path.join(dir, 'harness-owner.json'))).toBe(true);
    await stack.close();
    expect(existsSync(path.join(dir, 'harness-owner.json'))).toBe(false);
    await stack.dispose();
  });
});
