import type { SpanHealth } from '../lib/server-types';
import { spanHealthStatus } from './span-health';

/** Span pipeline health from `spans:health`: drops, queue and failures (a store outage shows red). */
export function SpanHealthBadge({ health }: { health: SpanHealth | null }) {
  const s = spanHealthStatus(health);
  return (
    <span className={`pill health-${s.level}`} data-testid="span-health" title={s.text}>
      <span className="dot" /> spans{' '}
      {health
        ? `${health.dropped ? `· ${health.dropped} dropped ` : ''}· queue ${health.queued.toLocaleString('en')}`
        : '…'}
      {health && health.consecutiveFailures > 0 ? ` · store failing (${health.consecutiveFailures})` : ''}
    </span>
  );
}
