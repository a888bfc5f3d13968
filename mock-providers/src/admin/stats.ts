/** Request counters served by `GET /__admin/stats`. */
export interface Stats {
  requests: number;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
  byRoute: Record<string, number>;
}

/** Mutable stats of one mock instance. */
export interface StatsRecorder {
  /** Records one answered (or unanswered: status `none`) provider request. */
  record(route: string, status: number | 'none', fault?: string): void;
  snapshot(): Stats;
  reset(): void;
}

const bump = (map: Record<string, number>, key: string): void => {
  map[key] = (map[key] ?? 0) + 1;
};

/** Creates an empty stats recorder. */
export function createStats(): StatsRecorder {
  let stats: Stats = { requests: 0, byStatus: {}, byFault: {}, byRoute: {} };
  return {
    record(route, status, fault) {
      stats.requests += 1;
      bump(stats.byStatus, String(status));
      bump(stats.byRoute, route);
      if (fault) bump(stats.byFault, fault);
    },
    snapshot: () => structuredClone(stats),
    reset() {
      stats = { requests: 0, byStatus: {}, byFault: {}, byRoute: {} };
    },
  };
}
