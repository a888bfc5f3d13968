import { fmt, mdTable } from './format';
import { reliabilityLine } from './instrument-section';
import type { RunReport } from './report-data';
import { runMockLine } from './run-settings';

/** The seed's production table (1M requests/day) and its latency claims, per pattern. */
export const SEED_PRODUCTION = [
  {
    pattern: 'direct',
    label: 'API Wrapper',
    requestsPerDay: 500_000,
    avgLatencyS: 1.5,
    costPerDay: 500,
    ttfb: '500 ms – 30 s',
  },
  {
    pattern: 'streaming',
    label: 'Streaming',
    requestsPerDay: 300_000,
    avgLatencyS: 2.0,
    costPerDay: 600,
    ttfb: '200 – 800 ms',
  },
  {
    pattern: 'batch',
    label: 'Batch',
    requestsPerDay: 150_000,
    avgLatencyS: null,
    costPerDay: 150,
    ttfb: 'minutes – hours',
  },
  { pattern: 'rag', label: 'RAG', requestsPerDay: 40_000, avgLatencyS: 2.5, costPerDay: 200, ttfb: '—' },
  { pattern: 'agent', label: 'Agent', requestsPerDay: 10_000, avgLatencyS: 5.0, costPerDay: 300, ttfb: '—' },
] as const;

/** One row: the seed's figures next to what the run measured for that pattern. */
export interface SeedRow {
  pattern: string;
  seedAvgLatencyS: number | null;
  measuredAvgLatencyS: number | null;
  seedTtfb: string;
  measuredTtftP50Ms: number | null;
  seedCostPerDay: number;
  /** Measured cost per request × the seed's requests per day for that pattern. */
  measuredCostPerDay: number | null;
}

/** The seed-tables report: measured TTFB/latency and daily cost next to the seeds' figures. */
export function seedTables(r: RunReport): {
  rows: SeedRow[];
  seedTotalPerDay: number;
  measuredTotalPerDay: number | null;
} {
  const rows = SEED_PRODUCTION.map((s) => {
    const p = r.patterns.find((x) => x.pattern === s.pattern);
    return {
      pattern: s.pattern,
      seedAvgLatencyS: s.avgLatencyS,
      measuredAvgLatencyS: p?.latency.avg == null ? null : p.latency.avg / 1000,
      seedTtfb: s.ttfb,
      measuredTtftP50Ms: p?.ttft.p50 ?? null,
      seedCostPerDay: s.costPerDay,
      measuredCostPerDay: p?.costPer1k == null ? null : (p.costPer1k / 1000) * s.requestsPerDay,
    };
  });
  const measured = rows.filter((x) => x.measuredCostPerDay !== null);
  return {
    rows,
    seedTotalPerDay: SEED_PRODUCTION.reduce((a, s) => a + s.costPerDay, 0),
    measuredTotalPerDay: measured.length
      ? measured.reduce((a, x) => a + (x.measuredCostPerDay ?? 0), 0)
      : null,
  };
}

/** The seed-tables report as Markdown. */
export function seedTablesMarkdown(r: RunReport): string {
  const t = seedTables(r);
  const table = mdTable(
    [
      'pattern',
      'seed avg latency',
      'measured avg latency',
      'seed TTFB',
      'measured TTFT p50',
      'seed cost/day',
      'measured cost/day (seed volume)',
    ],
    t.rows.map((x) => [
      x.pattern,
      x.seedAvgLatencyS === null ? 'N/A' : `${x.seedAvgLatencyS} s`,
      x.measuredAvgLatencyS === null ? '—' : `${x.measuredAvgLatencyS.toFixed(2)} s`,
      x.seedTtfb,
      fmt.ms(x.measuredTtftP50Ms),
      fmt.usd(x.seedCostPerDay),
      fmt.usd(x.measuredCostPerDay),
    ]),
  );
  const ran = `Mock: ${runMockLine(r.settings)} (published latencies at timeScale 1 only).`;
  const failed = r.failure ? `**FAILED: ${r.failure}**\n\n` : '';
  return `# Seed tables vs run ${r.runId} (${r.scenario})\n\n${failed}${ran}\n\n${table}\n\nTotal per day: seed ${fmt.usd(t.seedTotalPerDay)}, measured ${fmt.usd(t.measuredTotalPerDay)} (each pattern's measured cost per request × the seed's 1M-requests/day mix; prices as of ${r.cost.priceTableDate}).\n\n${reliabilityLine(r.instrument)}\n`;
}
