/**
 * The bearer token (HARNESS_TOKEN) the user typed: kept in sessionStorage only, so it dies with the
 * tab. Anyone interested hears when the API or socket refuses it.
 */
const KEY = 'harness.token';
const listeners = new Set<() => void>();

/** The stored token, if any. */
export function getToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Store (or with an empty string, forget) the token for this tab. */
export function setToken(token: string): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

/** Report that the server wants a (different) token: the app shows the token prompt. */
export function reportUnauthorized(): void {
  for (const l of listeners) l();
}

/** Subscribe to "token needed"; returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
