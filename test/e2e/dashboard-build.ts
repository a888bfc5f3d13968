import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The dashboard workspace folder. */
export const DASHBOARD_DIR = path.resolve(import.meta.dirname, '../../dashboard');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build `dashboard/dist` unless it is newer than every source file (as `npm test` does first). */
export function ensureDashboardBuilt(): void {
  const index = path.join(DASHBOARD_DIR, 'dist', 'index.html');
  const sources = Math.max(
    newest(path.join(DASHBOARD_DIR, 'src')),
    statSync(path.join(DASHBOARD_DIR, 'index.html')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const r = spawnSync('npm', ['run', 'build', '-w', 'dashboard'], {
    cwd: path.dirname(DASHBOARD_DIR),
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`dashboard build failed:\n${r.stdout}\n${r.stderr}`);
}

/** The entry chunk the built index.html loads first: its path and gzipped size in bytes. */
export function entryChunk(): { file: string; gzipBytes: number } {
  const html = readFileSync(path.join(DASHBOARD_DIR, 'dist', 'index.html'), 'utf8');
  const src = /<script[^>]+src="\/?([^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('dist/index.html loads no script');
  const file = path.join(DASHBOARD_DIR, 'dist', src);
  return { file, gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length };
}
