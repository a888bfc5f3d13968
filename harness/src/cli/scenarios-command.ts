import { parseDuration } from '../../../scenarios/lib/plan.js';
import { loadScenarios } from '../scenarios/load';
import { formatTable } from './format-table';

/** `harness scenarios`: every scenario with its patterns, rate range, length and purpose. */
export async function scenariosCommand(): Promise<void> {
  const all = await loadScenarios();
  const rows = Object.values(all).map((s) => {
    const rates = [s.startRate, ...s.stages.map((st) => st.target)];
    const ms = s.stages.reduce((a, st) => a + parseDuration(st.duration), 0);
    return {
      name: s.name,
      patterns: [...new Set(s.mix.map((m) => m.pattern))].join(','),
      'rate (req/min)': `${Math.min(...rates)}–${Math.max(...rates)}`,
      duration: `${Math.round(ms / 1000)} s`,
      target: s.target.kind,
      description: s.description,
    };
  });
  process.stdout.write(`${formatTable(rows)}\n`);
}
