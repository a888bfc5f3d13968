import { findModel, MODELS, type Provider } from '../models/catalog';
import type { MockConfig } from '../options';
import { type ModelLimits, PUBLISHED, TIERS } from './published';

/**
 * Limits of every catalog model under a `rateLimits` setting (`provider/id` → limits; absent =
 * unlimited): `off` → none; a tier preset → that tier's rows over the published ones; overrides →
 * their fields on top of the published row (aliases resolve to the model id).
 */
export function resolveLimits(setting: MockConfig['rateLimits']): Map<string, ModelLimits> {
  const table = new Map<string, ModelLimits>();
  if (setting === 'off') return table;
  const preset = typeof setting === 'string' && setting !== 'published' ? TIERS[setting] : {};
  for (const m of MODELS) {
    const key = `${m.provider}/${m.id}`;
    const base = preset[key] ?? PUBLISHED[key];
    if (base) table.set(key, base);
  }
  if (typeof setting === 'object') {
    for (const [name, over] of Object.entries(setting)) {
      const [provider, ...rest] = name.split('/') as [Provider, ...string[]];
      const model = findModel(provider, rest.join('/'));
      if (!model) continue;
      const key = `${provider}/${model.id}`;
      const defined = Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined));
      const merged: ModelLimits = { ...(table.get(key) ?? { rpm: Number.MAX_SAFE_INTEGER }), ...defined };
      table.set(key, merged);
    }
  }
  return table;
}
