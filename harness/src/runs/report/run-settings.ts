/**
 * What a run ran on, worded once for every view: the mock's effective settings and the client's,
 * as the registry recorded them, and which of them differ between two runs (compare warns).
 */
import type { MockSettings, RunSettings } from '../../contracts/live';

/** One line for the mock's settings: `profile seed-typical · seed 1 · timeScale 0.1 · rateLimits published`. */
export function mockSettingsLine(m: MockSettings | null | undefined): string {
  if (!m) return 'not recorded (no mock admin API, or a run recorded before settings were kept)';
  const show = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  return `profile ${show(m.profile)} · seed ${m.seed} · timeScale ${m.timeScale} · rateLimits ${show(m.rateLimits)}`;
}

/** The mock line of a run, saying when its settings were changed live while it ran. */
export function runMockLine(s: RunSettings | null | undefined): string {
  const n = s?.mockChanges?.length ?? 0;
  return `${mockSettingsLine(s?.mock)}${n ? ` (CHANGED live ${n}× during the run)` : ''}`;
}

/** One line for the client's settings (compact JSON; `off` for a disabled policy). */
export function clientSettingsLine(c: Record<string, unknown> | null | undefined): string {
  if (!c) return 'not recorded';
  return Object.entries(c)
    .map(([k, v]) => `${k} ${v === false ? 'off' : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The report's "Settings" section as Markdown. */
export function settingsMarkdown(s: RunSettings | null): string {
  const changes = (s?.mockChanges ?? []).map(
    (c) => `**mock changed live during the run** at ${c.at}: ${mockSettingsLine(c.settings)}`,
  );
  return [
    '## Settings',
    `mock: ${mockSettingsLine(s?.mock)}`,
    ...changes,
    `client: \`${clientSettingsLine(s?.client)}\``,
  ].join('\n\n');
}

/** Flatten to `path → JSON value` so two settings objects compare key by key. */
function flatten(v: unknown, prefix: string, out: Map<string, string>): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) out.set(prefix, '{}');
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(v ?? null));
}

/** One setting that differs between two runs. */
export interface SettingDifference {
  /** e.g. `mock.timeScale`, `client.retry.maxRetries`. */
  setting: string;
  baseline: string;
  candidate: string;
}

/** The settings that differ between a baseline and a candidate run (an unrecorded side counts as differing). */
export function settingsDifferences(a: RunSettings | null, b: RunSettings | null): SettingDifference[] {
  const fa = new Map<string, string>();
  const fb = new Map<string, string>();
  flatten(a ?? { mock: null, client: null }, '', fa);
  flatten(b ?? { mock: null, client: null }, '', fb);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return keys.flatMap((k) => {
    const x = fa.get(k) ?? '(unset)';
    const y = fb.get(k) ?? '(unset)';
    return x === y ? [] : [{ setting: k, baseline: x, candidate: y }];
  });
}
