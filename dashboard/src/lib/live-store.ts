import type { LiveTick, MockSettings, RunInfo, SpanHealth } from './server-types';
import type { ConnectionState } from './socket';

/** Ticks kept per run (an hour of seconds); older ones are in the store's history series. */
export const MAX_TICKS_PER_RUN = 3_600;

/** Everything the socket tells the dashboard, as one immutable snapshot. */
export interface LiveSnapshot {
  connection: ConnectionState;
  connectionDetail: string | undefined;
  spanHealth: SpanHealth | null;
  mockConfig: MockSettings | null;
  /** Runs the server reports as active. */
  activeRuns: RunInfo[];
  /** Ticks received per run id, in `t` order. */
  ticks: Readonly<Record<string, readonly LiveTick[]>>;
  /** Bumped on every run start/finish, so run lists refetch. */
  runsVersion: number;
}

/** A tiny external store (for `useSyncExternalStore`) fed by the socket handlers. */
export interface LiveStore {
  get(): LiveSnapshot;
  subscribe(listener: () => void): () => void;
  setConnection(state: ConnectionState, detail?: string): void;
  resync(state: { runs: RunInfo[]; ticks: LiveTick[] }): void;
  tick(tick: LiveTick): void;
  runStarted(run: RunInfo): void;
  runFinished(run: RunInfo): void;
  spanHealth(health: SpanHealth): void;
  mockConfig(settings: MockSettings): void;
}

/** Insert a tick keeping `t` order; a tick for a second already held replaces it. */
export function addTick(list: readonly LiveTick[], tick: LiveTick): LiveTick[] {
  const last = list[list.length - 1];
  if (!last || last.t < tick.t) return [...list, tick].slice(-MAX_TICKS_PER_RUN);
  const next = list.filter((x) => x.t !== tick.t);
  next.push(tick);
  next.sort((a, b) => a.t - b.t);
  return next.slice(-MAX_TICKS_PER_RUN);
}

/** Create an empty live store. */
export function createLiveStore(): LiveStore {
  let snap: LiveSnapshot = {
    connection: 'connecting',
    connectionDetail: undefined,
    spanHealth: null,
    mockConfig: null,
    activeRuns: [],
    ticks: {},
    runsVersion: 0,
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<LiveSnapshot>) => {
    snap = { ...snap, ...patch };
    for (const l of listeners) l();
  };
  const withTick = (ticks: LiveSnapshot['ticks'], t: LiveTick) => ({
    ...ticks,
    [t.runId]: addTick(ticks[t.runId] ?? [], t),
  });
  return {
    get: () => snap,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setConnection: (connection, detail) => set({ connection, connectionDetail: detail }),
    resync({ runs, ticks }) {
      let all = snap.ticks;
      for (const t of ticks) all = withTick(all, t);
      set({ activeRuns: runs, ticks: all, runsVersion: snap.runsVersion + 1 });
    },
    tick: (t) => set({ ticks: withTick(snap.ticks, t) }),
    runStarted: (run) =>
      set({
        activeRuns: [...snap.activeRuns.filter((r) => r.runId !== run.runId), run],
        runsVersion: snap.runsVersion + 1,
      }),
    runFinished: (run) =>
      set({
        activeRuns: snap.activeRuns.filter((r) => r.runId !== run.runId),
        runsVersion: snap.runsVersion + 1,
      }),
    spanHealth: (spanHealth) => set({ spanHealth }),
    mockConfig: (mockConfig) => set({ mockConfig }),
  };
}
