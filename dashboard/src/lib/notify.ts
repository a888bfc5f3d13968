/** One message on screen (API errors, confirmations). */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** How long a message stays unless clicked away: errors long enough to read, confirmations briefly. */
export const NOTICE_MS = { error: 12_000, info: 4_000 } as const;

/** Show a message; it closes itself after NOTICE_MS, or when clicked. */
export function notify(kind: Notice['kind'], text: string): void {
  const id = nextId++;
  notices = [...notices.filter((n) => n.text !== text), { id, kind, text }].slice(-3);
  emit();
  setTimeout(() => dismiss(id), NOTICE_MS[kind]);
}

/** Show an error's message (the server's own words for API errors). */
export function notifyError(e: unknown): void {
  if ((e as Error)?.name === 'AbortError') return;
  notify('error', e instanceof Error ? e.message : String(e));
}

/** Remove one message. */
export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

/** For `useSyncExternalStore`. */
export const noticeStore = {
  get: (): Notice[] => notices,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
