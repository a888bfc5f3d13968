import { type DependencyList, useEffect, useState } from 'react';

/** The state of one async load. */
export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

/**
 * Run `load` when `deps` change (aborting the previous one) and hold its result or error. Pass
 * `null` as `load` to skip. Errors are kept for the view to show, never swallowed.
 */
export function useAsync<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: DependencyList,
): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: undefined, error: undefined, loading: !!load });
  const effect = () => {
    if (!load) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: Error) => {
        if (!ctrl.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => ctrl.abort();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the dependencies
  useEffect(effect, deps);
  return state;
}
