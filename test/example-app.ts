/**
 * The example app (examples/your-app: Express + openai SDK + OpenTelemetry Node SDK) as a real
 * child process for the tests that load-test "your app": started on an ephemeral port, stopped
 * with SIGTERM so its SDK flushes every span to the harness receiver first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

/** The example app's folder (its scenario.js is the one `harness run` loads). */
export const APP_DIR = path.resolve(import.meta.dirname, '../examples/your-app');

/** A started example app: its URL and process. */
export interface ExampleApp {
  url: string;
  proc: ChildProcess;
}

/** Start the example app with `env` on an ephemeral port; resolves with its URL once it listens. */
export async function startApp(env: Record<string, string>): Promise<ExampleApp> {
  const proc = spawn(process.execPath, ['--import', './instrumentation.mjs', 'app.mjs'], {
    cwd: APP_DIR,
    env: { ...process.env, EXAMPLE_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`example app exited (${code}): ${err}`)));
  });
  return { url, proc };
}

/** SIGTERM: the app's SDK flushes its spans to the receiver before it exits. */
export async function stopApp(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = once(proc, 'exit');
  proc.kill('SIGTERM');
  await exited;
}
