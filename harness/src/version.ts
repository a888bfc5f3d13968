import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The harness package version. */
export const HARNESS_VERSION: string = pkg.version;

let cachedGit: string | undefined;

/** The git commit the harness runs from (`unknown` outside a checkout), recorded with every run. */
export function gitVersion(): string {
  if (cachedGit !== undefined) return cachedGit;
  try {
    cachedGit = execFileSync('git', ['describe', '--always', '--dirty', '--tags'], {
      cwd: new URL('.', import.meta.url),
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    cachedGit = 'unknown';
  }
  return cachedGit;
}
