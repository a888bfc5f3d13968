import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const k6OnPath = (() => {
  try {
    execFileSync('k6', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('scenarios/k6/run.js', () => {
  it('type-checks against @types/k6 (and every scenario against the schema type)', async () => {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const r = await run(process.execPath, [tsc, '-p', 'scenarios/k6'], { cwd: root }).catch((e) => e);
    expect(`${r.stdout ?? ''}${r.stderr ?? ''}`).toBe('');
  }, 60_000);

  it.skipIf(!k6OnPath)(
    'runs the smoke scenario with stock k6 against an invoke endpoint',
    async () => {
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ ok: true, latencyMs: 5, ttftMs: 3, costUsd: 0.0001 }));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as AddressInfo;
      const summary = path.join(mkdtempSync(path.join(tmpdir(), 'k6-')), 'summary.json');
      try {
        await run(
          'k6',
          [
            'run',
            '-q',
            '-e',
            'SCENARIO=smoke',
            '-e',
            `HARNESS_URL=http://127.0.0.1:${port}`,
            '-e',
            `SUMMARY_PATH=${summary}`,
            'scenarios/k6/run.js',
          ],
          { cwd: root },
        );
        const data = JSON.parse(readFileSync(summary, 'utf8'));
        expect(data.metrics.harness_errors.values.rate).toBe(0);
        expect(data.metrics.harness_latency_ms.values.count).toBeGreaterThan(10);
      } finally {
        server.close();
      }
    },
    90_000,
  );
});
