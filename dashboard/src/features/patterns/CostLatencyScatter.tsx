import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { fmt, msTick, usdTick } from '../../lib/format';
import { colorFor, usePalette } from '../../lib/theme';
import type { LatencyMetric, PatternPoint } from './pattern-points';

/** Cost vs latency, one dot per pattern: lower-left is cheaper and faster. */
export function CostLatencyScatter(props: { points: readonly PatternPoint[]; metric: LatencyMetric }) {
  const p = usePalette();
  return (
    <div className="chart" style={{ height: 320 }} data-testid="chart-scatter">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 20, bottom: 22, left: 14 }}>
          <CartesianGrid stroke={p.grid} strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            name={`latency ${props.metric}`}
            tickFormatter={msTick}
            stroke={p.muted}
            tick={{ fill: p.muted, fontSize: 11 }}
            label={{
              value: `latency ${props.metric} (ms)`,
              position: 'insideBottom',
              offset: -12,
              fill: p.muted,
              fontSize: 12,
            }}
          />
          <YAxis
            type="number"
            dataKey="y"
            name="cost per 1K requests"
            tickFormatter={usdTick}
            stroke={p.muted}
            width={64}
            tick={{ fill: p.muted, fontSize: 11 }}
            label={{
              value: 'cost per 1K requests (USD)',
              angle: -90,
              position: 'insideLeft',
              fill: p.muted,
              fontSize: 12,
              dy: 80,
            }}
          />
          <ZAxis type="number" dataKey="requests" range={[80, 400]} name="requests" />
          <Tooltip
            contentStyle={{ background: p.grid, border: 'none', color: p.text, fontSize: 12 }}
            formatter={(v, name) =>
              typeof v !== 'number'
                ? String(v)
                : String(name).startsWith('latency')
                  ? fmt.ms(v)
                  : String(name).startsWith('cost')
                    ? fmt.usd(v)
                    : fmt.int(v)
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" height={24} />
          {props.points.map((pt, i) => (
            <Scatter
              key={pt.pattern}
              name={pt.pattern}
              data={[pt]}
              fill={colorFor(p, pt.pattern, i)}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
