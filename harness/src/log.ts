import pino, { type Logger } from 'pino';

/**
 * Paths whose values never reach a log line: API keys and auth headers in any request or error
 * we log, at the top level or nested once.
 */
export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["x-goog-api-key"]',
  'authorization',
  'token',
  '*.token',
];

/** The harness logger: JSON lines on stderr (stdout stays for CLI output), secrets redacted. */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'warn',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'harness' },
    },
    options.destination ?? pino.destination(2),
  );
}
