import { useEffect, useState } from 'react';
import { ComparePage } from '../features/compare/ComparePage';
import { ControlPage } from '../features/control/ControlPage';
import { LivePage } from '../features/live/LivePage';
import { PatternsPage } from '../features/patterns/PatternsPage';
import { TracesPage } from '../features/traces/TracesPage';
import { LiveProvider, useLive } from '../lib/live-context';
import { PaletteContext, useTheme } from '../lib/theme';
import { onUnauthorized, setToken } from '../lib/token';
import { ConnectionIndicator } from './ConnectionIndicator';
import { VIEWS, type ViewId, viewFromHash } from './routes';
import { SpanHealthBadge } from './SpanHealthBadge';
import { ThemeToggle } from './ThemeToggle';
import { Toasts } from './Toasts';
import { TokenPrompt } from './TokenPrompt';

function useView(): ViewId {
  const [view, setView] = useState(() => viewFromHash(location.hash));
  useEffect(() => {
    const on = () => setView(viewFromHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return view;
}

function Page({ view }: { view: ViewId }) {
  switch (view) {
    case 'live':
      return <LivePage />;
    case 'patterns':
      return <PatternsPage />;
    case 'compare':
      return <ComparePage />;
    case 'traces':
      return <TracesPage />;
    case 'control':
      return <ControlPage />;
  }
}

function Header(props: { view: ViewId; theme: ReturnType<typeof useTheme> }) {
  const live = useLive();
  return (
    <header className="top">
      <div className="brand">LLM load harness</div>
      <nav className="tabs" aria-label="views">
        {VIEWS.map((v) => (
          <a
            key={v.id}
            href={`#/${v.id}`}
            className={v.id === props.view ? 'active' : undefined}
            data-testid={`tab-${v.id}`}
          >
            {v.label}
          </a>
        ))}
      </nav>
      <div className="status">
        {live.activeRuns.length > 0 ? (
          <span className="pill run-active" title="active runs">
            ● {live.activeRuns.length} running
          </span>
        ) : null}
        <SpanHealthBadge health={live.spanHealth} />
        <ConnectionIndicator state={live.connection} detail={live.connectionDetail} />
        <ThemeToggle mode={props.theme.mode} onChange={props.theme.setMode} />
      </div>
    </header>
  );
}

/** The app shell: theme, token prompt, socket, tabs and the current view. */
export function App() {
  const theme = useTheme();
  const view = useView();
  const [needToken, setNeedToken] = useState(false);
  // Remounting under a new key reconnects the socket and reloads every view with the new token.
  const [session, setSession] = useState(0);
  useEffect(() => onUnauthorized(() => setNeedToken(true)), []);
  return (
    <PaletteContext.Provider value={theme.palette}>
      <LiveProvider key={session}>
        <Header view={view} theme={theme} />
        <main className="page">
          <Page view={view} />
        </main>
      </LiveProvider>
      {needToken ? (
        <TokenPrompt
          onSubmit={(t) => {
            setToken(t);
            setNeedToken(false);
            setSession((s) => s + 1);
          }}
        />
      ) : null}
      <Toasts />
    </PaletteContext.Provider>
  );
}
