import { type Column, DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { call } from '../../lib/api';
import { fmt } from '../../lib/format';
import type { InstrumentSection } from '../../lib/server-types';
import { useAsync } from '../../lib/use-async';
import { type ErrorRow, errorRows, populationLine, verdictLine } from './instrument-rows';

const ms = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} ms`);

const ERROR_COLUMNS: Column<ErrorRow>[] = [
  { header: 'quantity', cell: (r) => r.quantity, title: 'what the harness measured minus the ground truth' },
  { header: 'computed as', cell: (r) => <span className="hint">{r.how}</span> },
  { header: 'requests', cell: (r) => fmt.int(r.count), numeric: true },
  { header: 'p50', cell: (r) => ms(r.p50), numeric: true },
  { header: 'p95', cell: (r) => ms(r.p95), numeric: true },
  {
    header: 'p99',
    cell: (r) => <span className={r.overLimit ? 'over-limit' : undefined}>{ms(r.p99)}</span>,
    numeric: true,
  },
  { header: 'max', cell: (r) => ms(r.max), numeric: true },
];

type Loop = InstrumentSection['loops'][number];
const LOOP_COLUMNS: Column<Loop>[] = [
  { header: 'event loop', cell: (l) => l.name },
  { header: 'samples', cell: (l) => fmt.int(l.samples), numeric: true },
  { header: 'delay p50', cell: (l) => ms(l.p50), numeric: true },
  { header: 'delay p99', cell: (l) => ms(l.p99), numeric: true },
  { header: 'max', cell: (l) => ms(l.max), numeric: true },
  { header: 'CPU (cores)', cell: (l) => fmt.num(l.cpuCores ?? null, 2), numeric: true },
  { header: 'machine load (1 min)', cell: (l) => fmt.num(l.machineLoad ?? null, 1), numeric: true },
];

/**
 * A finished run's "Instrument error" (`GET /api/runs/:id/instrument`): how far the harness's own
 * timings are from the mock's ground truth per request, how late each event loop ran, and the
 * reliability verdict with its reasons — the same stored figures every report shows.
 */
export function InstrumentPanel({ runId }: { runId: string }) {
  const section = useAsync((signal) => call('instrument', { params: { id: runId }, signal }), [runId]);
  const i = section.data;
  return (
    <Panel
      title="Instrument error"
      unit="ms; the harness's timing minus the mock's ground truth"
      testId="instrument-panel"
    >
      {section.error ? <p className="empty">Not measured for this run: {section.error.message}</p> : null}
      {section.data === null ? (
        <p className="empty">Not measured: the store could not be read at the end of this run.</p>
      ) : null}
      {i ? (
        <>
          <div
            className={`banner ${i.unreliable ? 'bad' : 'ok'}`}
            role="status"
            data-testid="instrument-verdict"
          >
            {verdictLine(i)}
          </div>
          <p className="hint" data-testid="instrument-population">
            {populationLine(i)}
          </p>
          <DataTable
            rows={errorRows(i)}
            columns={ERROR_COLUMNS}
            rowKey={(r) => r.quantity}
            testId="instrument-errors"
          />
          <p className="hint section-gap">
            Event-loop delay per process/worker over the measured window: how much later than due a probe
            timer fired on that loop; any timestamp taken there can be that late. High delay at low CPU and a
            high machine load means other work on the machine starved the harness.
          </p>
          <DataTable rows={i.loops} columns={LOOP_COLUMNS} rowKey={(l) => l.name} testId="instrument-loops" />
        </>
      ) : null}
    </Panel>
  );
}
