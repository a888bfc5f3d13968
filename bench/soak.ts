/**
 * Soak: does memory stay bounded under sustained load? One in-process harness (chDB, mock, client,
 * span pipeline, driver) takes 1,000 RPM of direct and streaming calls for `SOAK_MINUTES` (default
 * 10) while the process RSS is sampled every 10 s (`SOAK_SAMPLE_SECONDS`).
 * Goal: the RSS growth over the second half (least-squares slope × half the run, robust to one noisy
 * sample) stays under 10 % of the first half's mean; and the run's accounting still reconciles with
 * the store. The series is printed so a slow leak is visible even when the goal passes.
 * `node --expose-gc --import tsx bench/soak.ts` samples after a full GC (live heap only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { HarnessConfig } from '../harness/src/config';
import { buildRunReport } from '../harness/src/runs/report/report-data';
import { parseScenario } from '../harness/src/scenarios/load';
import { startStack } from '../harness/src/stack';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const MiB = 1024 * 1024;

/** One memory sample. */
interface Sample {
  t: number;
  rss: number;
  heap: number;
}

/** Least-squares slope of y over x (units of y per unit of x). */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Drive the soak and judge it. */
export async function run(): Promise<BenchResult[]> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  const everyMs = Number(process.env.SOAK_SAMPLE_SECONDS ?? 10) * 1000;
  const rpm = Number(process.env.SOAK_RPM ?? 1000);
  const dir = mkdtempSync(path.join(tmpdir(), 'soak-'));
  const config: HarnessConfig = {
    host: '127.0.0.1',
    port: 0,
    otlpPort: 0,
    mockPort: 0,
    token: undefined,
    mock: { host: '127.0.0.1', timeScale: 0.02, seed: 42 },
    providerUrl: undefined,
  };
  const stack = await startStack({
    config,
    store: { mode: 'embedded', dataDir: dir },
    log: pino({ level: 'silent' }),
    logDir: path.join(dir, 'logs'),
  });
  const samples: Sample[] = [];
  const t0 = Date.now();
  // With `node --expose-gc` each sample follows a full GC, so the heap series shows live data only.
  const gc = (globalThis as { gc?: () => void }).gc;
  const take = () => {
    gc?.();
    const m = process.memoryUsage();
    samples.push({ t: (Date.now() - t0) / 1000, rss: m.rss, heap: m.heapUsed });
    process.stderr.write(
      `soak: t=${Math.round((Date.now() - t0) / 1000)}s rss=${(m.rss / MiB).toFixed(1)} MiB heap=${(m.heapUsed / MiB).toFixed(1)} MiB\n`,
    );
  };
  try {
    const scenario = parseScenario({
      name: 'soak',
      description: `direct and streaming at ${rpm} RPM for ${minutes} min`,
      mix: [
        { pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 64 },
        { pattern: 'streaming', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 64 },
      ],
      // A run applies its own mock settings whole: the soak's time scale is the scenario's.
      mock: { timeScale: 0.02 },
      startRate: rpm,
      stages: [{ duration: `${minutes * 60}s`, target: rpm }],
      maxInFlight: 1000,
    });
    take();
    const timer = setInterval(take, everyMs);
    const active = stack.runs.manager.start({ scenario });
    let result: Awaited<typeof active.result>;
    try {
      result = await active.result;
    } finally {
      clearInterval(timer);
    }
    take();
    await stack.spans.flush();
    const record = await stack.runs.registry.get(active.info.runId);
    const report = record ? await buildRunReport(stack.store, record) : undefined;

    const half = samples[samples.length - 1]?.t ?? 0;
    const mid = half / 2;
    const first = samples.filter((s) => s.t <= mid);
    const second = samples.filter((s) => s.t >= mid);
    const firstMean = first.reduce((a, s) => a + s.rss, 0) / Math.max(1, first.length);
    const growth = slope(second.map((s) => ({ x: s.t, y: s.rss }))) * (half - mid);
    const heapGrowth = slope(second.map((s) => ({ x: s.t, y: s.heap }))) * (half - mid);
    const ratio = firstMean > 0 ? growth / firstMean : 0;
    console.log('soak RSS series (s, RSS MiB, heap MiB):');
    console.log(
      samples
        .map((s) => `${s.t.toFixed(0)}\t${(s.rss / MiB).toFixed(1)}\t${(s.heap / MiB).toFixed(1)}`)
        .join('\n'),
    );
    const totals = result?.summary.totals;
    const spans = stack.spans.stats();
    return [
      {
        goal: `RSS bounded at ${rpm} RPM for ${minutes} min: second-half growth < 10 % of the first-half mean`,
        measured:
          `first-half mean ${(firstMean / MiB).toFixed(1)} MiB, second-half growth ${(growth / MiB).toFixed(1)} MiB ` +
          `(heap ${(heapGrowth / MiB).toFixed(1)} MiB), ${samples.length} samples`,
        ratio,
        pass: ratio < 0.1,
      },
      {
        goal: 'every scheduled request is a stored span or a counted drop; no span dropped',
        measured: totals
          ? `scheduled ${totals.scheduled}, ok ${totals.ok}, errors ${totals.errors}, dropped ${totals.dropped}; ` +
            `store ${report?.store.spans ?? '?'} driver spans; span pipeline dropped ${spans.dropped}`
          : 'no result',
        ratio: null,
        pass: Boolean(report?.accounting.identityHolds && report.store.reconciled && spans.dropped === 0),
      },
    ];
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'soak' })));
