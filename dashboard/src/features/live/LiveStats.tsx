import { Stat } from '../../components/Stat';
import { fmt } from '../../lib/format';
import type { LiveTick } from '../../lib/server-types';
import type { RunFigures } from './run-totals';

/** Headline numbers: rates, in-flight, queue and totals (live from the last tick, else history). */
export function LiveStats(props: { last: LiveTick | undefined; totals: RunFigures; live: boolean }) {
  const { last, totals } = props;
  return (
    <div className="stats" data-testid="live-stats">
      <Stat
        label={props.live ? 'achieved RPM (last second)' : 'achieved RPM (average)'}
        value={fmt.rpm(props.live && last ? last.achievedRpm : totals.achievedRpm)}
        testId="achieved-rpm"
      />
      <Stat
        label={props.live ? 'target RPM (planned, last second)' : 'target RPM (planned peak)'}
        value={fmt.rpm(totals.targetRpm)}
        testId="target-rpm"
      />
      <Stat
        label={props.live ? 'in flight' : 'in flight (peak)'}
        value={fmt.int(totals.inFlight)}
        testId="in-flight"
      />
      <Stat
        label={props.live ? 'queue depth' : 'queue depth (peak)'}
        value={fmt.int(totals.queueDepth)}
        tone={totals.queueDepth ? 'warn' : undefined}
        testId="queue-depth"
      />
      <Stat label="scheduled (with warm-up)" value={fmt.int(totals.scheduled)} />
      <Stat label="ok (measured)" value={fmt.int(totals.ok)} tone="ok" />
      <Stat
        label="errors (measured)"
        value={fmt.int(totals.errors)}
        tone={totals.errors ? 'bad' : undefined}
        testId="errors-total"
      />
      <Stat
        label="dropped (measured)"
        value={fmt.int(totals.dropped)}
        tone={totals.dropped ? 'warn' : undefined}
      />
      <Stat label="cost, measured (USD)" value={fmt.usd(totals.costUsd)} testId="measured-cost" />
      <Stat label="latency p95 (measured)" value={fmt.ms(totals.latencyP95)} testId="measured-latency-p95" />
      <Stat label="error rate (measured)" value={fmt.pct(totals.errorRate)} />
      <Stat label="cost per 1K (USD)" value={fmt.usd(totals.costPer1k)} />
      <Stat
        label={props.live ? 'tokens/s (output)' : 'tokens/s (output, measured average)'}
        value={fmt.num(totals.tokensPerSec, 0)}
      />
      <Stat
        label={props.live ? 'cost per minute (USD)' : 'cost per minute (USD, measured average)'}
        value={fmt.usd(totals.costPerMin)}
      />
    </div>
  );
}
