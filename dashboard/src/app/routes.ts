/** The dashboard's views, addressed as `#/<view>`. */
export const VIEWS = [
  { id: 'live', label: 'Live run' },
  { id: 'patterns', label: 'Patterns' },
  { id: 'compare', label: 'Compare' },
  { id: 'traces', label: 'Traces' },
  { id: 'control', label: 'Control' },
] as const;

/** One view id. */
export type ViewId = (typeof VIEWS)[number]['id'];

/** The view named by a location hash (`#/traces` → traces), live by default. */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return VIEWS.find((v) => v.id === id)?.id ?? 'live';
}
