import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { REDACT_PATHS } from './log';

/**
 * The per-call request log: one JSON line per logical LLM call in `<dir>/requests.log` (async,
 * so logging never blocks the load), with keys and auth headers redacted.
 */
export function createRequestLog(dir: string): Logger {
  mkdirSync(dir, { recursive: true });
  return pino(
    { level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { log: 'requests' } },
    pino.destination({ dest: path.join(dir, 'requests.log'), sync: false, mkdir: true }),
  );
}
