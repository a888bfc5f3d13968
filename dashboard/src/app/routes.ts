/** The dashboard's views, addressed as `#/<view>`. */
export const VIEWS = [
  { id: 'live', label: 'Live run' },
  { id: 'patterns', label: 'Patterns' },
  { id: 'compare', label: 'Compare' },
  { id: 'app', label: 'Your app' },
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

/** The query parameters of a location hash (`#/traces?trace=ab12` → trace=ab12). */
export function hashParams(hash: string): URLSearchParams {
  const q = hash.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
}
