import { describe, expect, it } from 'vitest';
import { isRowDataError } from './refused-rows';
import type { SpanRow } from './span-row';
import { createSpanWriter } from './span-writer';

const row = (i: number, poison = false) => ({ SpanName: poison ? 'poison' : `s${i}` }) as unknown as SpanRow;
const parseError = () =>
  Object.assign(new Error('Cannot read DateTime: neither Date nor Time was parsed'), { code: '41' });

describe('span writer and rows the store refuses', () => {
  it('tells row errors from store errors', () => {
    expect(isRowDataError(parseError())).toBe(true);
    expect(isRowDataError(Object.assign(new Error('Decimal math overflow'), { code: '407' }))).toBe(true);
    expect(
      isRowDataError(Object.assign(new Error('Table default.otel_traces does not exist'), { code: '60' })),
    ).toBe(false);
    expect(isRowDataError(new Error('connect ECONNREFUSED 127.0.0.1:8123'))).toBe(false);
  });

  it('stores the good rows of a batch with poison rows and counts only the poison as dropped', async () => {
    const stored: SpanRow[] = [];
    const w = createSpanWriter(
      async (rows) => {
        if (rows.some((r) => r.SpanName === 'poison')) throw parseError();
        stored.push(...rows);
      },
      { flushIntervalMs: 1 },
    );
    const rows = Array.from({ length: 100 }, (_, i) => row(i, i === 3 || i === 77));
    w.accept(rows);
    await w.flush();
    expect(stored).toHaveLength(98);
    expect(w.stats()).toMatchObject({
      received: 100,
      exported: 98,
      dropped: 2,
      queued: 0,
      consecutiveFailures: 0,
    });
    w.accept([row(200)]);
    await w.flush();
    expect(w.stats()).toMatchObject({ received: 101, exported: 99, dropped: 2 });
    await w.close();
  });

  it('keeps the rest queued when the store itself fails while a poison batch is split', async () => {
    let down = false;
    let tripped = false;
    const stored: SpanRow[] = [];
    const w = createSpanWriter(
      async (rows) => {
        if (down) throw new Error('connect ECONNREFUSED');
        if (rows.some((r) => r.SpanName === 'poison')) {
          if (!tripped) down = tripped = true; // the store goes away during the split
          throw parseError();
        }
        stored.push(...rows);
      },
      { flushIntervalMs: 1, initialBackoffMs: 5, maxBackoffMs: 10 },
    );
    w.accept(Array.from({ length: 10 }, (_, i) => row(i, i === 0)));
    await new Promise((r) => setTimeout(r, 20));
    const mid = w.stats();
    expect(mid.exported + mid.dropped + mid.queued).toBe(mid.received);
    down = false;
    await w.flush();
    expect(w.stats()).toMatchObject({ received: 10, exported: 9, dropped: 1, queued: 0 });
    await w.close();
  });
});
