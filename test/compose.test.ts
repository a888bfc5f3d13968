import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** `docker compose` (plugin) or the standalone `docker-compose`, whichever this machine has. */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0)
    return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return null;
}

const compose = composeCommand();

describe('docker-compose.yml', () => {
  it.skipIf(!compose)('is valid for `docker compose config`', () => {
    const [cmd, ...args] = compose as string[];
    const out = execFileSync(cmd as string, [...args, '-f', 'docker-compose.yml', 'config'], {
      cwd: root,
    }).toString();
    expect(out).toMatch(/clickhouse\/clickhouse-server/);
    expect(out).toMatch(/CLICKHOUSE_URL: http:\/\/harness:harness@clickhouse:8123\/harness/);
    expect(out).toMatch(/condition: service_healthy/);
  });

  it('runs the official ClickHouse image with a healthcheck and a named volume', () => {
    const text = readFileSync(`${root}/docker-compose.yml`, 'utf8');
    expect(text).toMatch(/image: clickhouse\/clickhouse-server:\d+/);
    expect(text).toMatch(/healthcheck:\n\s+test:/);
    expect(text).toMatch(/- clickhouse-data:\/var\/lib\/clickhouse/);
    expect(text).toMatch(/^volumes:\n\s+clickhouse-data:/m);
    // Published on loopback only: the harness inside binds 0.0.0.0 and needs its token.
    expect(text).not.toMatch(/- "(3000|4318|4010|8123):/);
    expect(text).toMatch(/HARNESS_TOKEN:/);
  });
});
