import { PATTERN_NAMES } from 'harness/contracts';
import { Panel } from '../../components/Panel';
import { TimeChart } from '../../components/TimeChart';
import { msTick, usdTick } from '../../lib/format';
import { colorFor, usePalette } from '../../lib/theme';
import { errKey, errorClasses, type LiveRow, latKey, patternsIn, ttftKey, warmupSpan } from './live-rows';

/**
 * The per-second panels of a run: rate, latency and TTFT per pattern, errors by class,
 * retries/queue, tokens, cost. The warm-up is shaded in every chart (plotted, not a result).
 */
export function LiveCharts({ rows }: { rows: readonly LiveRow[] }) {
  const p = usePalette();
  const [c0, c1, , c3, c4] = p.series as [string, string, string, string, string];
  const classes = errorClasses(rows);
  const patterns = patternsIn(rows);
  const hasQueue = rows.some((r) => r.queueDepth !== null);
  const warm = warmupSpan(rows);
  const shade = warm ? { ...warm, label: 'warm-up (not in results)' } : null;
  const hasTtft = patterns.some((pat) => rows.some((r) => typeof r[ttftKey(pat)] === 'number'));
  // One colour per pattern, the same in every run (the five patterns in their usual order).
  const colorOf = (pat: string, i: number) => {
    const k = (PATTERN_NAMES as readonly string[]).indexOf(pat);
    return colorFor(p, pat, k >= 0 ? k : PATTERN_NAMES.length + i);
  };
  const perPattern = (key: (pattern: string) => string) =>
    patterns.map((pat, i) => ({ key: key(pat), name: pat, color: colorOf(pat, i), sparse: true }));
  const msFormat = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);
  return (
    <div className="grid">
      <Panel title="Request rate: target vs achieved" unit="requests/min">
        <TimeChart
          testId="chart-rate"
          rows={rows}
          unit="req/min"
          shade={shade}
          series={[
            { key: 'achievedRpm', name: 'achieved', color: c0 },
            { key: 'targetRpm', name: 'target (planned)', color: p.muted, dashed: true },
          ]}
        />
      </Panel>
      <Panel title="Latency p95 per pattern" unit="ms, log scale; requests ending in each second">
        <TimeChart
          testId="chart-latency"
          rows={rows}
          unit="ms (log)"
          yLog
          yTick={msTick}
          valueFormat={msFormat}
          shade={shade}
          series={perPattern(latKey)}
        />
      </Panel>
      <Panel title="TTFT p50 per pattern" unit="ms, log scale; requests that reported a first token">
        {hasTtft ? (
          <TimeChart
            testId="chart-ttft"
            rows={rows}
            unit="ms (log)"
            yLog
            yTick={msTick}
            valueFormat={msFormat}
            shade={shade}
            series={perPattern(ttftKey)}
          />
        ) : (
          <p className="empty" data-testid="no-ttft">
            No first token reported yet.
          </p>
        )}
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
            shade={shade}
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
          shade={shade}
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
          shade={shade}
          series={[{ key: 'tokensPerSec', name: 'output tokens/s', color: c4, kind: 'area' }]}
        />
      </Panel>
      <Panel title="Cost rate" unit="USD per minute">
        <TimeChart
          testId="chart-cost"
          rows={rows}
          unit="USD/min"
          yTick={usdTick}
          shade={shade}
          valueFormat={(v) => `$${v.toPrecision(3)}/min`}
          series={[{ key: 'costPerMin', name: 'cost per minute', color: c1, kind: 'area' }]}
        />
      </Panel>
    </div>
  );
}
