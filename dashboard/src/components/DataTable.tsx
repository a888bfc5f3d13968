import type { ReactNode } from 'react';

/** One column: its header, how to render a row's cell, and whether it is numeric (right aligned). */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  title?: string;
  /** Extra class on this column's cells (e.g. to color deltas). */
  className?: string;
}

/** A plain, readable table; rows are clickable when `onRowClick` is given. */
export function DataTable<Row>(props: {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  onRowClick?: (row: Row) => void;
  selectedKey?: string | undefined;
  rowClass?: (row: Row) => string;
  empty?: string;
  testId?: string;
  /** Scroll the rows (header stays) beyond this height in px. */
  maxHeight?: number;
}) {
  if (props.rows.length === 0) return <p className="empty">{props.empty ?? 'Nothing to show.'}</p>;
  return (
    <div
      className={`table-wrap${props.maxHeight ? ' scroll' : ''}`}
      style={props.maxHeight ? { maxHeight: props.maxHeight } : undefined}
    >
      <table className="data" data-testid={props.testId}>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.header} className={c.numeric ? 'num' : undefined} title={c.title}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => {
            const key = props.rowKey(r);
            const cls = [
              props.onRowClick ? 'clickable' : '',
              key === props.selectedKey ? 'selected' : '',
              props.rowClass?.(r) ?? '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <tr
                key={key}
                className={cls || undefined}
                onClick={props.onRowClick ? () => props.onRowClick?.(r) : undefined}
                onKeyDown={props.onRowClick ? (e) => e.key === 'Enter' && props.onRowClick?.(r) : undefined}
                tabIndex={props.onRowClick ? 0 : undefined}
              >
                {props.columns.map((c) => (
                  <td
                    key={c.header}
                    className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}
                  >
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
