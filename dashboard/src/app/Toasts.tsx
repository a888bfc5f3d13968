import { useSyncExternalStore } from 'react';
import { dismiss, noticeStore } from '../lib/notify';

/**
 * Messages above the view, in the page flow (they never cover a chart): API errors in the server's
 * words and confirmations. Each closes itself (NOTICE_MS) or on a click anywhere on it.
 */
export function Toasts() {
  const notices = useSyncExternalStore(noticeStore.subscribe, noticeStore.get);
  return (
    <div className="toasts" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <button type="button" className="toast-text" title="click to close" onClick={() => dismiss(n.id)}>
            {n.text}
          </button>
          <button type="button" aria-label="dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
