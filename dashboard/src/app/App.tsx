import { lazy, Suspense, useEffect, useState } from 'react';
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

// Every view is its own chunk, loaded when first opened: the entry chunk holds only the shell,
// and the charts library and the trace views arrive with the views that draw them.
const LivePage = lazy(() => import('../features/live/LivePage').then((m) => ({ default: m.LivePage })));
const PatternsPage = lazy(() =>
  import('../features/patterns/PatternsPage').then((m) => ({ default: m.PatternsPage })),
);
const ComparePage = lazy(() =>
  import('../features/compare/ComparePage').then((m) => ({ default: m.ComparePage })),
);
const AppPage = lazy(() => import('../features/app/AppPage').then((m) => ({ default: m.AppPage })));
const TracesPage = lazy(() =>
  import('../features/traces/TracesPage').then((m) => ({ default: m.TracesPage })),
);
const ControlPage = lazy(() =>
  import('../features/control/ControlPage').then((m) => ({ default: m.ControlPage })),
);

function Page({ view }: { view: ViewId }) {
  switch (view) {
    case 'live':
      return <LivePage />;
    case 'patterns':
      return <PatternsPage />;
    case 'compare':
      return <ComparePage />;
    case 'app':
      return <AppPage />;
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
          {/* In the page flow, above the view: a message pushes the charts down, never covers them. */}
          <Toasts />
          <Suspense fallback={<p className="empty">Loading…</p>}>
            <Page view={view} />
          </Suspense>
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
    </PaletteContext.Provider>
  );
}
