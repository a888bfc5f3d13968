import type { SpanHealth } from '../lib/server-types';

/** How the span pipeline is doing, in one word and one sentence. */
export function spanHealthStatus(h: SpanHealth | null): {
  level: 'ok' | 'warn' | 'bad' | 'unknown';
  text: string;
} {
  if (!h) return { level: 'unknown', text: 'no span pipeline report yet' };
  if (h.consecutiveFailures > 0)
    return {
      level: 'bad',
      text: `store failing: ${h.consecutiveFailures} failed inserts in a row, ${h.queued.toLocaleString('en')} spans queued${h.lastError ? ` — ${h.lastError}` : ''}`,
    };
  if (h.dropped > 0)
    return { level: 'warn', text: `${h.dropped.toLocaleString('en')} spans dropped (queue overflow)` };
  return {
    level: 'ok',
    text: `${h.exported.toLocaleString('en')} of ${h.received.toLocaleString('en')} spans stored, ${h.queued.toLocaleString('en')} queued`,
  };
}
