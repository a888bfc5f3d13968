import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { call } from '../../lib/api';
import { notify, notifyError } from '../../lib/notify';
import { useAsync } from '../../lib/use-async';

/** What the mock has served (by status and injected fault), with a reset. */
export function MockStatsPanel() {
  const [version, setVersion] = useState(0);
  const stats = useAsync((signal) => call('mockStats', { signal }), [version]);
  const line = (m: Record<string, number> | undefined) =>
    Object.entries(m ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}: ${v.toLocaleString('en')}`)
      .join(' · ') || '—';
  return (
    <Panel
      title="Mock stats"
      unit="since the last reset"
      actions={
        <div className="row">
          <button type="button" className="ghost" onClick={() => setVersion((v) => v + 1)}>
            Refresh
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() =>
              void call('mockReset').then(() => {
                notify('info', 'mock stats, limiter state and batches reset');
                setVersion((v) => v + 1);
              }, notifyError)
            }
          >
            Reset mock
          </button>
        </div>
      }
    >
      {stats.error ? <p className="empty">{stats.error.message}</p> : null}
      <p>
        <b>{(stats.data?.requests ?? 0).toLocaleString('en')}</b> requests
      </p>
      <p className="hint">by status — {line(stats.data?.byStatus)}</p>
      <p className="hint">by injected fault — {line(stats.data?.byFault)}</p>
    </Panel>
  );
}
