import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { usePalette } from '../lib/theme';

/** One plotted series of a time chart. */
export interface SeriesDef {
  key: string;
  name: string;
  color: string;
  kind?: 'line' | 'area' | 'bar';
  /** Series with the same stack id stack (areas, bars). */
  stack?: string;
  dashed?: boolean;
  /**
   * Sparse series (a pattern with no request ending in some seconds): join across empty seconds
   * and dot each value, so a lone second still shows.
   */
  sparse?: boolean;
}

/**
 * A per-second chart: x = seconds since the run started, y labelled with its unit. Lines, stacked
 * areas and stacked bars share one component so every panel looks alike.
 */
export function TimeChart<Row extends { t: number }>(props: {
  rows: readonly Row[];
  series: readonly SeriesDef[];
  unit: string;
  height?: number;
  yTick?: (v: number) => string;
  valueFormat?: (v: number) => string;
  testId?: string;
  /** Logarithmic y axis (one slow series, e.g. batch, would flatten the others). */
  yLog?: boolean;
  /** A named stretch of seconds to shade (the warm-up), `[from, until)`. */
  shade?: { from: number; until: number; label: string } | null;
}) {
  const p = usePalette();
  const fmt = props.valueFormat ?? ((v: number) => `${Math.round(v * 100) / 100} ${props.unit}`);
  return (
    <div className="chart" data-testid={props.testId} style={{ height: props.height ?? 200 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={props.rows as Row[]} margin={{ top: 6, right: 12, bottom: 14, left: 4 }}>
          <CartesianGrid stroke={p.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            stroke={p.muted}
            tick={{ fill: p.muted, fontSize: 11 }}
            label={{
              value: 'seconds since start',
              position: 'insideBottom',
              offset: -8,
              fill: p.muted,
              fontSize: 11,
            }}
          />
          <YAxis
            {...(props.yLog
              ? { scale: 'log' as const, domain: ['auto', 'auto'], allowDataOverflow: true }
              : {})}
            stroke={p.muted}
            width={72}
            tick={{ fill: p.muted, fontSize: 11 }}
            {...(props.yTick ? { tickFormatter: props.yTick } : {})}
            label={{
              value: props.unit,
              angle: -90,
              position: 'insideLeft',
              fill: p.muted,
              fontSize: 11,
              dy: 20,
            }}
          />
          <Tooltip
            contentStyle={{ background: p.grid, border: 'none', color: p.text, fontSize: 12 }}
            labelFormatter={(t) => `t = ${t} s`}
            formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
          />
          {props.shade ? (
            <ReferenceArea
              x1={props.shade.from}
              x2={props.shade.until}
              fill={p.muted}
              fillOpacity={0.12}
              ifOverflow="extendDomain"
              label={{ value: props.shade.label, position: 'insideTopLeft', fill: p.muted, fontSize: 11 }}
            />
          ) : null}
          <Legend wrapperStyle={{ fontSize: 12, color: p.text }} verticalAlign="top" height={22} />
          {props.series.map((s) => {
            const common = { dataKey: s.key, name: s.name, isAnimationActive: false } as const;
            if (s.kind === 'area')
              return (
                <Area
                  key={s.key}
                  {...common}
                  type="linear"
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.35}
                  {...(s.stack ? { stackId: s.stack } : {})}
                  connectNulls
                />
              );
            if (s.kind === 'bar')
              return (
                <Bar key={s.key} {...common} fill={s.color} {...(s.stack ? { stackId: s.stack } : {})} />
              );
            return (
              <Line
                key={s.key}
                {...common}
                type="linear"
                stroke={s.color}
                strokeWidth={2}
                dot={s.sparse ? { r: 2, fill: s.color, strokeWidth: 0 } : false}
                connectNulls={s.sparse ?? false}
                {...(s.dashed ? { strokeDasharray: '5 4' } : {})}
              />
            );
          })}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
