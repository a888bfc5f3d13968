import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { createLiveStore, type LiveSnapshot, type LiveStore } from './live-store';
import { connectLive } from './socket';

const LiveContext = createContext<LiveStore | null>(null);

/** Owns the socket for the app's lifetime (remount it to reconnect with a new token). */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createLiveStore);
  useEffect(() => {
    const socket = connectLive({
      onState: (s, detail) => store.setConnection(s, detail),
      onResync: (state) => store.resync(state),
    });
    socket.on('run:tick', (t) => store.tick(t));
    socket.on('run:started', (r) => store.runStarted(r));
    socket.on('run:finished', (r) => store.runFinished(r));
    socket.on('spans:health', (h) => store.spanHealth(h));
    socket.on('mock:config', (m) => store.mockConfig(m));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [store]);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

/** The current live snapshot; re-renders on every socket event. */
export function useLive(): LiveSnapshot {
  const store = useContext(LiveContext);
  if (!store) throw new Error('useLive outside <LiveProvider>');
  return useSyncExternalStore(store.subscribe, store.get);
}
