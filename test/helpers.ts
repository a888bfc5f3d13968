import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { HarnessConfig } from '../harness/src/config';
import { type Stack, startStack } from '../harness/src/stack';

/** Harness settings for a test: loopback, ephemeral ports, instant mock. */
export function testConfig(overrides: Partial<HarnessConfig> = {}): HarnessConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    otlpPort: 0,
    mockPort: 0,
    token: undefined,
    mock: { host: '127.0.0.1', timeScale: 0, seed: 42 },
    providerUrl: undefined,
    ...overrides,
  };
}

/** A whole harness (store in a temp chDB folder, mock in-process) for one test file. */
export async function startTestStack(
  overrides: Partial<HarnessConfig> = {},
): Promise<Stack & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stack-'));
  const stack = await startStack({
    config: testConfig(overrides),
    store: { mode: 'embedded', dataDir: dir },
    log: pino({ level: 'silent' }),
    logDir: path.join(dir, 'logs'),
  });
  return Object.assign(stack, {
    async dispose() {
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** POST JSON to the stack and parse the answer. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  return { status: res.status, body: (await res.json()) as any };
}

/** Rows of a read-only SQL query over the stack's store. */
export async function sql<T = Record<string, string>>(stack: Stack, query: string): Promise<T[]> {
  const r = await post(`${stack.url}/api/sql`, { query });
  if (r.status !== 200) throw new Error(`SQL failed: ${JSON.stringify(r.body)}`);
  return r.body.rows as T[];
}

/** GET a JSON answer. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  return res.json();
}

/** Poll a run until it is no longer running; its record (throws after `timeoutMs`). */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export async function waitForRunEnd(stack: Stack, runId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await getJson(`${stack.url}/api/runs/${runId}`);
    if (r.run.status !== 'running') return r.run;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not end`);
    await new Promise((res) => setTimeout(res, 250));
  }
}
