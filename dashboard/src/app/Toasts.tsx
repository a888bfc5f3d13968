import { useSyncExternalStore } from 'react';
import { dismiss, noticeStore } from '../lib/notify';

/** Messages in the corner: API errors in the server's words (stay until closed), confirmations. */
export function Toasts() {
  const notices = useSyncExternalStore(noticeStore.subscribe, noticeStore.get);
  return (
    <div className="toasts" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span className="toast-text">{n.text}</span>
          <button type="button" aria-label="dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
