#!/usr/bin/env node
// Runs before `npm start` and `npm test`: installs the workspace's dependencies when they are
// missing or older than package-lock.json, so a fresh clone needs only those two commands.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const marker = `${root}node_modules/.package-lock.json`;
const lock = `${root}package-lock.json`;
const stale =
  !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  console.error('installing dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The harness serves dashboard/dist; build it when it is missing or older than any of its sources.
const dash = `${root}dashboard/`;
const builtAt = existsSync(`${dash}dist/index.html`) ? statSync(`${dash}dist/index.html`).mtimeMs : 0;
const newestSource = (dir) => {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
};
const sources = [`${dash}index.html`, `${dash}vite.config.ts`, `${dash}package.json`].filter(existsSync);
const newest = Math.max(newestSource(`${dash}src`), ...sources.map((f) => statSync(f).mtimeMs));
if (builtAt < newest) {
  console.error(
    builtAt
      ? 'dashboard sources changed: rebuilding (npm run build -w dashboard)…'
      : 'building the dashboard (npm run build -w dashboard)…',
  );
  const r = spawnSync('npm', ['run', 'build', '-w', 'dashboard'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
