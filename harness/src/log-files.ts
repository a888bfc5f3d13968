import { mkdirSync, openSync } from 'node:fs';
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
 * writes, so logging never blocks the load), with keys and auth headers redacted.
 *
 * The file is opened here, synchronously: an async open still pending when its folder is removed
 * (a test stack disposed quickly) would surface later as an uncaught ENOENT.
 */
export function createRequestLog(dir: string): RequestLog {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(path.join(dir, 'requests.log'), 'a');
  const destination = pino.destination({ dest: fd, sync: false });
  const logger = pino(
    { level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { log: 'requests' } },
    destination,
  );
  let closing: Promise<void> | undefined;
  return {
    logger,
    close() {
      // a call settling during shutdown must not write to an ended file (SonicBoom throws)
      logger.level = 'silent';
      closing ??= new Promise<void>((resolve) => {
        destination.once('close', () => resolve());
        destination.once('error', () => resolve());
        destination.end();
      });
      return closing;
    },
  };
}
