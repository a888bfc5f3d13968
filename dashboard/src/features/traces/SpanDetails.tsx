import { fmt } from '../../lib/format';
import { attrText, LONG_VALUE } from './attr-value';
import type { WaterfallRow } from './waterfall-layout';

const highlighted = (k: string) =>
  k.startsWith('mock.') || k === 'error.type' || k === 'http.request.resend_count';

/** The selected span's attributes; the mock's `mock.*` and `error.type` ground truth first. */
export function SpanDetails({ row }: { row: WaterfallRow | undefined }) {
  if (!row) return <p className="empty">Click a span to see its attributes.</p>;
  const s = row.span;
  const attrs = Object.entries(s.attributes).sort(
    ([a], [b]) => Number(highlighted(b)) - Number(highlighted(a)) || a.localeCompare(b),
  );
  return (
    <div data-testid="span-details">
      <h3 style={{ fontSize: 13, marginBottom: 4 }}>{s.name}</h3>
      <p className="hint">
        {s.service} · {s.kind} · starts at {fmt.ms(row.startMs)} · lasts {fmt.ms(row.durationMs)}
        {s.status === 'Error' ? ` · error${s.statusMessage ? `: ${s.statusMessage}` : ''}` : ''}
      </p>
      {s.service === 'mock-providers' ? (
        <p className="hint">Ground truth: what the mock decided for this request.</p>
      ) : null}
      <dl className="attrs">
        {attrs.map(([k, v]) => {
          const text = attrText(k, v);
          const cls = [highlighted(k) ? 'hl' : '', text.length > LONG_VALUE ? 'long' : ''].join(' ').trim();
          return (
            <div key={k} className={cls || undefined}>
              <dt>{k}</dt>
              <dd title={text === v ? undefined : v}>{text}</dd>
            </div>
          );
        })}
        {s.events.map((e) => (
          <div key={`${e.name}-${e.timeNs}`}>
            <dt>event</dt>
            <dd>{e.name}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
