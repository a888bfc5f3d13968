import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { REDACT_PATHS } from './log';

/** The per-call request log and how to flush and close its file. */
export interface RequestLog {
  logger: Logger;
  /** Writes what is buffered and closes the file; safe to call twice. */
  close(): Promise<void>;
}

/**
 * The per-call request log: one JSON line per logical LLM call in `<dir>/requests.log` (async
 * writes, so logging never blocks the load), with keys and auth headers redacted. `warn` hears, once,
 * that the file failed (the log then stops instead of throwing).
 *
 * The file is opened here, synchronously: an async open still pending when its folder is removed
 * (a test stack disposed quickly) would surface later as an uncaught ENOENT.
 */
export function createRequestLog(
  dir: string,
  warn: (message: string) => void = (message) => process.stderr.write(`harness: ${message}\n`),
): RequestLog {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'requests.log');
  const fd = openSync(file, 'a');
  const destination = pino.destination({ dest: fd, sync: false });
  const logger = pino(
    { level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { log: 'requests' } },
    destination,
  );
  // A failing log file (disk full, removed device) must not take the harness down: stop logging.
  let failed = false;
  destination.on('error', (err: Error) => {
    logger.level = 'silent';
    if (failed) return;
    failed = true;
    warn(`request log ${file} failed (${err.message}); no more request lines`);
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  });
  let closing: Promise<void> | undefined;
  return {
    logger,
    close() {
      // a call settling during shutdown must not write to an ended file (SonicBoom throws)
      logger.level = 'silent';
      closing ??= new Promise<void>((resolve) => {
        if (failed) return resolve();
        // shutdown never waits on the log for long (a file that is a FIFO nobody reads)
        const giveUp = setTimeout(resolve, 2_000);
        giveUp.unref();
        const done = (): void => {
          clearTimeout(giveUp);
          resolve();
        };
        destination.once('close', done);
        destination.once('error', done);
        try {
          destination.end();
        } catch {
          done();
        }
      });
      return closing;
    },
  };
}
