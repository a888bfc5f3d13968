import type { InsertRows } from './insert-rows';
import type { SpanRow } from './span-row';

/** ClickHouse error codes that mean "these rows cannot be stored", not "the store is unavailable". */
const ROW_ERROR_CODES = new Set(['6', '26', '27', '38', '41', '53', '69', '72', '117', '407']);

/** A ClickHouse refusal of the data itself (unparsable value, overflow): retrying cannot help. */
export function isRowDataError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (code !== undefined && ROW_ERROR_CODES.has(String(code))) || /^Cannot (parse|read) /.test(error.message)
  );
}

/** What splitting a refused batch achieved. */
export interface Isolated {
  exported: number;
  refused: number;
  /** Rows not tried because the store itself failed meanwhile (back to the queue). */
  left: SpanRow[];
  error: Error | undefined;
}

/**
 * Insert `rows` (which failed as a whole with a row error) in halves, down to single rows.
 * Returns what was stored, how many rows the store refused, and the rows left when the store
 * itself failed meanwhile (they go back to the queue).
 */
export async function isolateRefusedRows(
  rows: SpanRow[],
  insert: InsertRows,
  isRowError: (error: Error) => boolean,
): Promise<Isolated> {
  if (rows.length === 1) return { exported: 0, refused: 1, left: [], error: undefined };
  const mid = rows.length >> 1;
  const out: Isolated = { exported: 0, refused: 0, left: [], error: undefined };
  const halves = [rows.slice(0, mid), rows.slice(mid)];
  for (let i = 0; i < halves.length; i++) {
    const half = halves[i] as SpanRow[];
    try {
      await insert(half);
      out.exported += half.length;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (!isRowError(error)) {
        out.left = halves.slice(i).flat();
        out.error = error;
        return out;
      }
      const r = await isolateRefusedRows(half, insert, isRowError);
      out.exported += r.exported;
      out.refused += r.refused;
      if (r.left.length > 0) {
        out.left = r.left.concat(halves.slice(i + 1).flat());
        out.error = r.error;
        return out;
      }
    }
  }
  return out;
}
