import { Panel } from '../../components/Panel';
import { fmt } from '../../lib/format';
import type { RunReport } from '../../lib/server-types';
import type { AsyncState } from '../../lib/use-async';
import { type ConfusionCell, confusionGrid } from './confusion-rows';

/**
 * A finished run's per-request confusion matrix (report JSON `confusion`): what the mock injected on
 * each measured request's attempts against the outcome the client reported.
 */
export function ConfusionPanel({ report }: { report: AsyncState<RunReport> }) {
  const grid = confusionGrid((report.data?.confusion ?? []) as ConfusionCell[]);
  return (
    <Panel
      title="Injected vs observed, per request"
      unit="measured requests; rows: mock ground truth, columns: client outcome"
    >
      {report.error ? <p className="empty">No report for this run: {report.error.message}</p> : null}
      {grid.rows.length ? (
        <table className="data" data-testid="confusion-matrix">
          <thead>
            <tr>
              <th>injected ↓ / client saw →</th>
              {grid.columns.map((c) => (
                <th key={c} className="num">
                  {c}
                </th>
              ))}
              <th className="num">requests</th>
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((r) => (
              <tr key={r.injected}>
                <td>{r.injected}</td>
                {r.counts.map((n, i) => (
                  <td key={grid.columns[i]} className="num">
                    {n ? fmt.int(n) : '·'}
                  </td>
                ))}
                <td className="num">{fmt.int(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}
