import { Panel } from '../../components/Panel';
import { TimeChart } from '../../components/TimeChart';
import { msTick, usdTick } from '../../lib/format';
import { colorFor, usePalette } from '../../lib/theme';
import { errKey, errorClasses, type LiveRow } from './live-rows';

/** The per-second panels of a run: rate, latency/TTFT, errors by class, retries/queue, tokens, cost. */
export function LiveCharts({ rows }: { rows: readonly LiveRow[] }) {
  const p = usePalette();
  const [c0, c1, c2, c3, c4] = p.series as [string, string, string, string, string];
  const classes = errorClasses(rows);
  const hasQueue = rows.some((r) => r.queueDepth !== null);
  return (
    <div className="grid">
      <Panel title="Request rate: target vs achieved" unit="requests/min">
        <TimeChart
          testId="chart-rate"
          rows={rows}
          unit="req/min"
          series={[
            { key: 'achievedRpm', name: 'achieved', color: c0 },
            { key: 'targetRpm', name: 'target', color: p.muted, dashed: true },
          ]}
        />
      </Panel>
      <Panel title="Latency and TTFT" unit="ms, per second">
        <TimeChart
          testId="chart-latency"
          rows={rows}
          unit="ms"
          yTick={msTick}
          valueFormat={(v) => `${v.toFixed(0)} ms`}
          series={[
            { key: 'p50', name: 'latency p50', color: c0 },
            { key: 'p95', name: 'latency p95', color: c3 },
            { key: 'p99', name: 'latency p99', color: p.bad },
            { key: 'ttftP50', name: 'TTFT p50', color: c2, dashed: true },
            ...(rows.some((r) => r.ttftP95 !== null)
              ? [{ key: 'ttftP95', name: 'TTFT p95', color: c4, dashed: true }]
              : []),
          ]}
        />
      </Panel>
      <Panel title="Errors by class" unit="errors per second">
        {classes.length === 0 ? (
          <p className="empty" data-testid="no-errors">
            No errors in this run so far.
          </p>
        ) : (
          <TimeChart
            testId="chart-errors"
            rows={rows}
            unit="errors/s"
            series={classes.map((cls, i) => ({
              key: errKey(cls),
              name: cls,
              color: colorFor(p, cls, i + 5),
              kind: 'bar' as const,
              stack: 'errors',
            }))}
          />
        )}
      </Panel>
      <Panel title={hasQueue ? 'Retries, queue depth and in-flight' : 'Retries'} unit="count">
        <TimeChart
          testId="chart-retries"
          rows={rows}
          unit="count"
          series={[
            { key: 'retries', name: 'retries/s', color: c3, kind: 'bar' },
            ...(hasQueue
              ? [
                  { key: 'queueDepth', name: 'queue depth', color: p.bad },
                  { key: 'inFlight', name: 'in flight', color: c0 },
                ]
              : []),
          ]}
        />
      </Panel>
      <Panel title="Output tokens" unit="tokens/s">
        <TimeChart
          testId="chart-tokens"
          rows={rows}
          unit="tokens/s"
          series={[{ key: 'tokensPerSec', name: 'output tokens/s', color: c4, kind: 'area' }]}
        />
      </Panel>
      <Panel title="Cost rate" unit="USD per minute">
        <TimeChart
          testId="chart-cost"
          rows={rows}
          unit="USD/min"
          yTick={usdTick}
          valueFormat={(v) => `$${v.toPrecision(3)}/min`}
          series={[{ key: 'costPerMin', name: 'cost per minute', color: c1, kind: 'area' }]}
        />
      </Panel>
    </div>
  );
}
