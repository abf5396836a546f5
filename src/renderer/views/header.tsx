/** The top bar: app name, the view tabs, the shell/connection indicator, the theme toggle. */
import type { ReactNode } from 'react';
import { useServices, useAppState } from '../app/context';
import { useHostCall } from '../app/use-host-call';
import type { Theme } from '../app/theme';

/** Props of {@link Header}. */
export interface HeaderProps {
  theme: Theme;
  onToggleTheme: () => void;
  /** The tabs. */
  children: ReactNode;
}

const CONNECTION_TEXT = {
  connecting: 'connecting',
  open: 'connected',
  reconnecting: 'reconnecting',
  closed: 'closed',
} as const;

/** The header bar. */
export function Header({ theme, onToggleTheme, children }: HeaderProps) {
  const { client } = useServices();
  const connection = useAppState((s) => s.connection);
  const { state: info } = useHostCall('host:info');
  const version = info.status === 'ready' ? info.value.version : null;
  const dot = connection === 'open' ? 'ok' : connection === 'closed' ? 'bad' : 'warn';
  return (
    <header className="header">
      <div className="brand">
        <Logo />
        <span className="brand-name">Parascope</span>
        {version && <span className="brand-version mono">v{version}</span>}
      </div>
      {children}
      <div className="header-right">
        <span
          className="chip"
          data-testid="shell-indicator"
          data-shell={client.shell}
          data-connection={connection}
          title={`Talking to the host through the ${client.shell === 'electron' ? 'Electron preload bridge' : 'browser shell’s WebSocket'}`}
        >
          <span className={`dot ${dot}`} />
          {client.shell === 'electron' ? 'Electron' : 'Browser'} · {CONNECTION_TEXT[connection]}
        </span>
        <button
          type="button"
          className="icon-button"
          onClick={onToggleTheme}
          data-testid="theme-toggle"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        >
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
      </div>
    </header>
  );
}

function Logo() {
  // Four staggered lanes: a timeline in miniature.
  return (
    <svg className="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <rect x="2" y="3" width="12" height="4" rx="1.5" fill="var(--series-0)" />
      <rect x="7" y="10" width="14" height="4" rx="1.5" fill="var(--series-1)" />
      <rect x="4" y="17" width="9" height="4" rx="1.5" fill="var(--series-2)" />
    </svg>
  );
}

/** The frame both theme icons share: a 24-unit stroked line drawing at 18 px. */
function StrokeIcon({ children, join }: { children: ReactNode; join?: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap={join ? undefined : 'round'}
      strokeLinejoin={join ? 'round' : undefined}
    >
      {children}
    </svg>
  );
}

function SunIcon() {
  return (
    <StrokeIcon>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </StrokeIcon>
  );
}

function MoonIcon() {
  return (
    <StrokeIcon join>
      <path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" />
    </StrokeIcon>
  );
}
