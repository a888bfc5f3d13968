import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestLog } from './log-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('request log file', () => {
  it('writes what it buffered on close, then drops later lines instead of throwing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqlog-'));
    dirs.push(dir);
    const log = createRequestLog(dir);
    log.logger.info({ n: 1 }, 'call');
    await log.close();
    expect(() => log.logger.info({ n: 2 }, 'late call')).not.toThrow();
    await log.close();
    const lines = readFileSync(path.join(dir, 'requests.log'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).n)).toEqual([1]);
  });

  it('has its file open before it returns, so removing the folder right after cannot fail later', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqlog-'));
    const log = createRequestLog(path.join(dir, 'logs'));
    rmSync(dir, { recursive: true, force: true });
    log.logger.info('written to an unlinked file');
    await log.close();
  });
});

describe('request log file that fails', () => {
  it('stops logging on a write error instead of crashing, and still closes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reqlog-'));
    dirs.push(dir);
    // every write to /dev/full fails with ENOSPC
    symlinkSync('/dev/full', path.join(dir, 'requests.log'));
    const log = createRequestLog(dir);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      log.logger.info({ n: 1 }, 'call');
      await new Promise((r) => setTimeout(r, 100));
      expect(log.logger.level).toBe('silent');
      expect(() => log.logger.info({ n: 2 }, 'later call')).not.toThrow();
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/request log .* failed/);
    } finally {
      stderr.mockRestore();
    }
    await log.close();
  });
});
