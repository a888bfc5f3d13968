/**
 * Shared pieces of the reliability and security suites: polling without fixed sleeps, free ports,
 * child `harness` processes, and waiting for a run to end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import type { ActiveRun } from '../../harness/src/runs/run-manager';

/** The CLI entry point (`node harness/bin/harness.mjs …`). */
export const HARNESS_BIN = path.resolve(import.meta.dirname, '../../harness/bin/harness.mjs');

/** Poll `probe` until it returns a truthy value (returned) or `timeoutMs` passes (throws `what`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  { timeoutMs = 30_000, everyMs = 100 } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A TCP port free on loopback right now (for processes that cannot bind port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A child `harness …` process with its output collected. */
export interface Child {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGKILL if still running, then wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawn `node harness/bin/harness.mjs <args>` with extra environment. */
export function spawnHarness(args: string[], env: Record<string, string>): Child {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(HARNESS_|MOCK_|OTLP_|CLICKHOUSE_|OTEL_|VITEST|NODE_OPTIONS)/.test(k),
    ),
  );
  const proc = spawn(process.execPath, [HARNESS_BIN, ...args], {
    env: { ...base, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

/** Wait for an HTTP endpoint to answer (any status). */
export function waitForHttp(url: string, timeoutMs = 30_000): Promise<Response> {
  return waitFor(`${url} to answer`, () => fetch(url, { signal: AbortSignal.timeout(2_000) }), {
    timeoutMs,
    everyMs: 200,
  });
}

/** Wait for a child harness to answer at `url`, failing at once (with its stderr) if it exits. */
export async function waitForChild(child: Child, url: string, timeoutMs = 45_000): Promise<void> {
  const exited = child.exited.then((code) => {
    throw new Error(`harness exited (${code}) before answering ${url}:\n${child.stderr()}`);
  });
  await Promise.race([waitForHttp(url, timeoutMs), exited]);
  exited.catch(() => {});
}

/** The run's result, failing the test with the run's error if it threw. */
export async function finished(run: ActiveRun) {
  const result = await run.result;
  if (!result) throw new Error(`run ${run.info.runId} returned no result`);
  return result;
}
