/**
 * This machine's measured ceilings, kept beside the store (`<HARNESS_DATA_DIR>/capacity.json`) so a
 * later run can warn when it asks for more than the instrument can measure truthfully here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Scenario } from '../scenarios/schema';

const stepSchema = z.object({
  rpm: z.number(),
  runId: z.string(),
  reliable: z.boolean(),
  reasons: z.array(z.string()),
  latenessP99: z.number().nullable(),
  ttftErrorP99: z.number().nullable(),
  e2eErrorP99: z.number().nullable(),
});

const ceilingsSchema = z.object({
  host: z.string(),
  cpus: z.number(),
  patterns: z.record(
    z.string(),
    z.object({ ceilingRpm: z.number().nullable(), measuredAt: z.string(), steps: z.array(stepSchema) }),
  ),
});

/** The file's content: per pattern, the highest reliable RPM and the steps that found it. */
export type Ceilings = z.infer<typeof ceilingsSchema>;

/** The data directory the ceilings are kept in: `HARNESS_DATA_DIR` (default ./data), whatever the store. */
export const ceilingDir = (env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env.HARNESS_DATA_DIR?.trim() || './data');

/** Where the ceilings live for a data directory. */
export const ceilingPath = (dataDir: string): string => path.join(dataDir, 'capacity.json');

/** The recorded ceilings, or undefined when none were measured (or the file is not ours). */
export function readCeilings(dataDir: string): Ceilings | undefined {
  try {
    const parsed = ceilingsSchema.safeParse(JSON.parse(readFileSync(ceilingPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Record one pattern's result, keeping the other patterns' earlier results. */
export function writeCeiling(dataDir: string, pattern: string, result: Ceilings['patterns'][string]): string {
  const prior = readCeilings(dataDir);
  const next: Ceilings = {
    host: hostname(),
    cpus: cpus().length,
    patterns: { ...(prior?.host === hostname() ? prior.patterns : {}), [pattern]: result },
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(ceilingPath(dataDir), `${JSON.stringify(next, null, 2)}\n`);
  return ceilingPath(dataDir);
}

/**
 * Warnings for a run that asks more of a pattern than its measured ceiling: the run's peak rate
 * (its `--rate`, else its highest stage) times the pattern's share of the mix.
 */
export function ceilingWarnings(
  scenario: Scenario,
  rateRpm: number | undefined,
  ceilings: Ceilings | undefined,
): string[] {
  if (!ceilings || ceilings.host !== hostname()) return [];
  const peak = rateRpm ?? Math.max(scenario.startRate, ...scenario.stages.map((s) => s.target));
  const total = scenario.mix.reduce((a, m) => a + m.weight, 0);
  const share = new Map<string, number>();
  for (const m of scenario.mix) share.set(m.pattern, (share.get(m.pattern) ?? 0) + m.weight / total);
  const out: string[] = [];
  for (const [pattern, s] of share) {
    const c = ceilings.patterns[pattern];
    if (!c) continue;
    const rpm = peak * s;
    if (c.ceilingRpm === null || rpm > c.ceilingRpm)
      out.push(
        `this run reaches ${Math.round(rpm)} RPM of ${pattern}, above this machine's measured reliable ceiling of ${c.ceilingRpm ?? 0} RPM (harness capacity, ${c.measuredAt}): expect it to be flagged UNRELIABLE`,
      );
  }
  return out;
}
