import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePalette } from '../../lib/theme';
import type { ResilienceRow } from './app-types';
import { FATES, resilienceBars } from './resilience-bars';

/** Faulted app requests per endpoint and fault, stacked by what the user got. */
export function ResilienceChart({ rows }: { rows: readonly ResilienceRow[] }) {
  const p = usePalette();
  const bars = resilienceBars(rows);
  const color = { absorbed: p.ok, degraded: p.warn, surfaced: p.bad };
  return (
    <div className="chart" style={{ height: 56 + bars.length * 38 }} data-testid="chart-resilience">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 20, bottom: 4, left: 8 }}>
          <CartesianGrid stroke={p.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            stroke={p.muted}
            tick={{ fill: p.muted, fontSize: 11 }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={230}
            stroke={p.muted}
            tick={{ fill: p.text, fontSize: 12 }}
          />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {FATES.map((fate) => (
            <Bar key={fate} dataKey={fate} name={fate} stackId="fate" fill={color[fate]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
