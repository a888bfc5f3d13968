/** One request waiting for its batch, with the promise that resolves when the batch returns it. */
interface Pending<I, R> {
  item: I;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/** Collects items and submits them together: when `maxItems` are waiting or `maxWaitMs` passed. */
export interface BatchAggregator<I, R> {
  add(item: I): Promise<R>;
  /** Submit what is waiting now. */
  flush(): void;
  readonly waiting: number;
}

/**
 * Batch aggregation (the seed's "collect requests, submit batch"): callers each await their own
 * result while the aggregator submits them as one job. `submit` answers one result (or Error) per
 * item, in order.
 */
export function createBatchAggregator<I, R>(options: {
  maxItems: number;
  maxWaitMs: number;
  submit: (items: I[]) => Promise<(R | Error)[]>;
}): BatchAggregator<I, R> {
  let pending: Pending<I, R>[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const group = pending;
    pending = [];
    options.submit(group.map((p) => p.item)).then(
      (results) => {
        group.forEach((p, i) => {
          const r = results[i];
          if (r === undefined) p.reject(new Error('batch returned no result for this item'));
          else if (r instanceof Error) p.reject(r);
          else p.resolve(r);
        });
      },
      (e) => {
        for (const p of group) p.reject(e);
      },
    );
  };

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= options.maxItems) flush();
        else timer ??= setTimeout(flush, options.maxWaitMs);
      });
    },
    flush,
    get waiting() {
      return pending.length;
    },
  };
}
