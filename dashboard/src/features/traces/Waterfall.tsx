import type { CSSProperties } from 'react';
import { fmt } from '../../lib/format';
import { usePalette } from '../../lib/theme';
import { axisTicks, type Waterfall as Layout, type SpanMark } from './waterfall-layout';

const MARK_LABEL: Record<SpanMark, string> = {
  error: 'error',
  attempt: 'attempt',
  retry: 'retry',
  fallback: 'fallback',
  'ground-truth': 'mock truth',
};
const MARK_TONE: Record<SpanMark, string> = {
  error: 'bad',
  attempt: 'muted',
  retry: 'warn',
  fallback: 'warn',
  'ground-truth': 'muted',
};

/** Where a bar's duration label goes: after the bar, else before it, else inside its right end. */
function labelPlace(offset: number, width: number): CSSProperties {
  const end = offset + width;
  if (end <= 86) return { left: `${end}%` };
  if (offset >= 14) return { right: `${100 - offset}%`, paddingRight: 4 };
  return { right: `${100 - end}%`, paddingRight: 4, color: '#fff' };
}

/** The trace as bars on a shared time axis, indented by parent, colored by service. */
export function Waterfall(props: {
  layout: Layout;
  selected: string | undefined;
  onSelect: (spanId: string) => void;
}) {
  const p = usePalette();
  const services = [...new Set(props.layout.rows.map((r) => r.span.service))];
  const colorOf = (service: string) => p.services[service] ?? p.series[4] ?? p.text;
  return (
    <div className="wf" data-testid="waterfall">
      <div className="wf-axis">
        <span>span (total {fmt.ms(props.layout.totalMs)})</span>
        <div className="ticks">
          {axisTicks(props.layout.totalMs, 4).map((t, i) => (
            <span key={t} style={{ left: `${i * 25}%` }}>
              {fmt.ms(t)}
            </span>
          ))}
        </div>
      </div>
      {props.layout.rows.map((r) => (
        <button
          type="button"
          key={r.span.spanId}
          className={`wf-row ${r.span.spanId === props.selected ? 'selected' : ''}`}
          onClick={() => props.onSelect(r.span.spanId)}
          data-testid="wf-row"
        >
          <span
            className="wf-name"
            style={{ paddingLeft: r.depth * 14 }}
            title={`${r.span.service}: ${r.span.name}`}
          >
            {r.span.name}{' '}
            {r.marks.map((m) => (
              <span key={m} className={`badge ${MARK_TONE[m]}`}>
                {m === 'retry' && r.resendCount ? `retry #${r.resendCount}` : MARK_LABEL[m]}
              </span>
            ))}
          </span>
          <span className="wf-track">
            <span
              className={`wf-bar ${r.marks.includes('error') ? 'error' : ''}`}
              style={{
                left: `${r.offsetPct}%`,
                width: `${r.widthPct}%`,
                background: colorOf(r.span.service),
              }}
            />
            <span className="wf-dur" style={labelPlace(r.offsetPct, r.widthPct)}>
              {fmt.ms(r.durationMs)}
            </span>
          </span>
        </button>
      ))}
      <div className="wf-legend">
        {services.map((s) => (
          <span key={s}>
            <i style={{ background: colorOf(s) }} />
            {s}
            {s === 'mock-providers' ? ' (ground truth)' : ''}
          </span>
        ))}
        <span>red outline = error</span>
      </div>
    </div>
  );
}
