import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Who owns an embedded chDB folder. chDB lets one process open a folder; every other process
 * must go through that harness's API. The owner leaves its URL in the folder so that a CLI
 * command that finds the folder locked can say which harness to point at.
 */
const OWNER_FILE = 'harness-owner.json';

interface Owner {
  url: string;
  pid: number;
}

/** Records this process as the folder's owner; the returned function removes the record. */
export function claimStoreOwner(dataDir: string, url: string): () => Promise<void> {
  const file = path.join(dataDir, OWNER_FILE);
  writeFileSync(file, `${JSON.stringify({ url, pid: process.pid } satisfies Owner)}\n`);
  return async () => {
    // only our own record: a later owner's must stay
    if (readOwner(dataDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

function readOwner(dataDir: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as Partial<Owner>;
    return typeof o.url === 'string' && typeof o.pid === 'number' ? { url: o.url, pid: o.pid } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a chDB folder could not be opened, naming the harness to point the CLI at when one owns it. */
export function storeLockedMessage(dataDir: string): string {
  const owner = readOwner(dataDir);
  if (owner && alive(owner.pid)) {
    const port = /:(\d+)\/?$/.exec(owner.url)?.[1];
    return (
      `the embedded store ${dataDir} is in use by the harness at ${owner.url} (pid ${owner.pid}); ` +
      `point this command at it${port ? ` with HARNESS_PORT=${port}` : ''} (and HARNESS_TOKEN if it has one)`
    );
  }
  return (
    `the embedded store ${dataDir} cannot be opened; if another process holds it (chDB allows one per ` +
    'folder), point this command at the harness that owns it with HARNESS_PORT, or stop that process'
  );
}
