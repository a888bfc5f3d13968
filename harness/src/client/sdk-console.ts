import type { Logger } from 'pino';

/** Where a provider SDK's own console output comes from: its package folder in the call stack. */
const SDK_FRAME = /[\\/]node_modules[\\/](openai(?:-v\d+)?|@anthropic-ai[\\/]sdk|@google[\\/]genai)[\\/]/;
const METHODS = ['error', 'warn', 'info', 'log', 'debug'] as const;

const sinks: Logger[] = [];
let originals: Partial<Record<(typeof METHODS)[number], (...args: unknown[]) => void>> | undefined;

/**
 * Routes what the official provider SDKs print with `console.*` (e.g. openai's "Could not parse
 * message into JSON" on a `chunk_malformed` fault, @google/genai's warnings) into `logger` (the
 * request log) instead of the terminal, where it would garble the CLI's progress output. Other
 * console output passes through untouched. Returns a function that undoes it (nested installs
 * stack: the newest logger receives).
 */
export function routeSdkConsole(logger: Logger): () => void {
  if (!originals) {
    originals = {};
    for (const method of METHODS) {
      const original = console[method].bind(console);
      originals[method] = original;
      console[method] = (...args: unknown[]) => {
        const sink = sinks[sinks.length - 1];
        // the stack is read only when something prints: SDKs print rarely, and only on trouble
        const origin = sink ? SDK_FRAME.exec(new Error().stack ?? '')?.[1] : undefined;
        if (!sink || !origin) return original(...args);
        sink.warn(
          { sdk: origin.replace(/\\/g, '/'), console: method, args: args.map(printable) },
          'provider SDK console output',
        );
      };
    }
  }
  sinks.push(logger);
  return () => {
    const i = sinks.lastIndexOf(logger);
    if (i >= 0) sinks.splice(i, 1);
    if (sinks.length === 0 && originals) {
      for (const method of METHODS) {
        const original = originals[method];
        if (original) console[method] = original;
      }
      originals = undefined;
    }
  };
}

function printable(arg: unknown): unknown {
  if (arg instanceof Error) return { name: arg.name, message: arg.message };
  return typeof arg === 'string' && arg.length > 2_000 ? `${arg.slice(0, 2_000)}…` : arg;
}
