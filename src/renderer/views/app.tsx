/** The app shell: header, view tabs (kept in the URL hash), connection banner, the view. */
import { useEffect, useState } from 'react';
import { useAppState } from '../app/context';
import { useTheme } from '../app/theme';
import { CoresView } from './cores-view';
import { Header } from './header';
import { SystemView } from './system-view';
import { TimelineView } from './timeline-view';

const VIEWS = [
  { id: 'system', label: 'System' },
  { id: 'cores', label: 'Cores' },
  { id: 'timeline', label: 'Timeline' },
] as const;

/** A view id. */
export type ViewId = (typeof VIEWS)[number]['id'];

function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '');
  return VIEWS.find((v) => v.id === id)?.id ?? 'system';
}

/** The whole app. */
export function App() {
  const { theme, toggle } = useTheme();
  const [view, setView] = useState<ViewId>(() => viewFromHash(window.location.hash));
  const connection = useAppState((s) => s.connection);

  useEffect(() => {
    const onHash = (): void => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div className="app">
      <Header theme={theme} onToggleTheme={toggle}>
        <nav className="tabs" role="tablist" aria-label="Views">
          {VIEWS.map((v) => (
            <a
              key={v.id}
              href={`#${v.id}`}
              role="tab"
              aria-selected={view === v.id}
              className={view === v.id ? 'tab active' : 'tab'}
              data-testid={`nav-${v.id}`}
            >
              {v.label}
            </a>
          ))}
        </nav>
      </Header>
      {connection === 'reconnecting' && (
        <div className="banner" role="status" data-testid="connection-banner">
          <span className="dot warn" /> Disconnected from the host — reconnecting…
        </div>
      )}
      <main className="view" role="tabpanel">
        {view === 'system' && <SystemView />}
        {view === 'cores' && <CoresView />}
        {view === 'timeline' && <TimelineView theme={theme} />}
      </main>
    </div>
  );
}
