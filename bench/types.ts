/** One performance goal as measured in a benchmark run. */
export interface BenchResult {
  /** The goal in words, e.g. "span ingest ≥ 50,000 spans/s and ≥ 80 % of raw INSERT". */
  goal: string;
  /** What was measured, human readable, e.g. "61,200 spans/s vs raw 70,400 spans/s". */
  measured: string;
  /** The side-by-side ratio the goal is judged on (null when the goal is absolute only). */
  ratio: number | null;
  /** Whether the goal is met; null for a context row that is not a goal. */
  pass: boolean | null;
}

/** A benchmark module: `run()` measures and returns its goals. */
export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}
