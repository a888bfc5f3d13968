/** Shared pieces of the mock benches: spawning a server child and a keep-alive HTTP load loop. */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

/** A server child process and its port. */
export interface ChildServer {
  port: number;
  stop(): void;
}

/** Starts `bench/mock-bench-server.ts <kind>` in its own process and waits for its port. */
export function spawnServer(kind: string): Promise<ChildServer> {
  return spawnScript('./mock-bench-server.ts', [kind]);
}

/**
 * Starts a bench server script (relative to bench/) in its own process; it prints `READY <port>`.
 * `BENCH_SERVER_FLAGS` adds node flags to it (e.g. `--cpu-prof` to profile the server side).
 */
export function spawnScript(relative: string, args: string[]): Promise<ChildServer> {
  const script = fileURLToPath(new URL(relative, import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      script,
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) =>
      reject(new Error(`bench server ${relative} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** One POST with a JSON body; resolves when the whole response body arrived. */
export function post(
  agent: Agent,
  port: number,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench', ...headers },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Closed-loop load: `concurrency` workers POST back to back for `durationMs`; returns req/s.
 * Each worker is its own tenant (API key `bench-<n>`): the mock's published limits (e.g.
 * gpt-4o-mini 30,000 RPM per key) would otherwise answer 429 once one key has sent 30,000
 * requests, which a fast mock does within the run. The limiter still runs on every request.
 */
export async function measureRps(
  port: number,
  path: string,
  body: string,
  concurrency: number,
  durationMs: number,
): Promise<{ rps: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const key = (w: number) => ({ authorization: `Bearer bench-${w}` });
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd)
    await Promise.all(Array.from({ length: concurrency }, (_, w) => post(agent, port, path, body, key(w))));
  let done = 0;
  let errors = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const status = await post(agent, port, path, body, key(w)).catch(() => 0);
        if (status === 200) done++;
        else errors++;
      }
    }),
  );
  agent.destroy();
  return { rps: done / ((performance.now() - start) / 1000), errors };
}

/** A non-stream chat completion body. */
export const CHAT_BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Summarise load testing in one line.' }],
  max_tokens: 40,
});
