/**
 * "Your own workload": open a `.js/.mjs/.cjs/.ts` file on the host machine, with the shell's
 * file dialog (Electron) or by typing its path (the browser shell, which cannot see the host's
 * files), or again from the recent files the host remembers. The host reads what the file
 * declares in a session process; a file that does not load shows its error, file, line and stack.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ErrorData } from '../../shared/errors';
import type { WorkloadInfo } from '../../shared/scenarios';
import { useServices } from '../app/context';
import { toErrorData } from './error-data';

/** Props of {@link WorkloadOpener}. */
export interface WorkloadOpenerProps {
  /** The shell has a file dialog (`HostInfo.filePicker`). */
  filePicker: boolean;
  disabled: boolean;
  /** A file was opened: what it declares. */
  onOpened: (info: WorkloadInfo) => void;
}

/** The last part of a path, and what comes before it. */
function splitPath(path: string): { name: string; dir: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { name: path.slice(cut + 1), dir: path.slice(0, cut + 1) };
}

/** The opener: a dialog button or a path field, the recent files, and the last error. */
export function WorkloadOpener({ filePicker, disabled, onOpened }: WorkloadOpenerProps) {
  const { client } = useServices();
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [opening, setOpening] = useState<string | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);

  const refreshRecent = useCallback(() => {
    client.api.invoke('workload:recent', null).then(setRecent, () => setRecent([]));
  }, [client]);
  useEffect(refreshRecent, [refreshRecent]);

  const open = (file: string): void => {
    if (file.trim() === '' || opening) return;
    setOpening(file);
    setError(null);
    client.api.invoke('workload:open', { path: file.trim() }).then(
      (info) => {
        setOpening(null);
        onOpened(info);
        refreshRecent();
      },
      (err: unknown) => {
        setOpening(null);
        setError(toErrorData(err));
      },
    );
  };

  const pick = (): void => {
    setError(null);
    client.api.invoke('workload:pick', null).then(
      ({ path: chosen }) => chosen && open(chosen),
      (err: unknown) => setError(toErrorData(err)),
    );
  };

  const busy = disabled || opening !== null;
  return (
    <div
      className="workload-opener"
      data-testid="workload-opener"
      // One shrinkable column: a long path or stack must scroll or clip, never widen the panel.
      style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 8, marginTop: 14 }}
    >
      <span className="param-label strong">Your own workload</span>
      {filePicker ? (
        <button type="button" className="button" onClick={pick} disabled={busy} data-testid="workload-pick">
          Open workload…
        </button>
      ) : (
        <form
          style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', gap: 8 }}
          onSubmit={(e) => {
            e.preventDefault();
            open(path);
          }}
        >
          <input
            className="input mono"
            type="text"
            placeholder="/path/on/host/workload.ts"
            aria-label="Path of a workload file on the host machine"
            value={path}
            disabled={busy}
            onChange={(e) => setPath(e.target.value)}
            data-testid="workload-path"
          />
          <button
            type="submit"
            className="button"
            disabled={busy || path.trim() === ''}
            data-testid="workload-open"
          >
            Open
          </button>
        </form>
      )}
      {!filePicker && (
        <span className="muted param-hint">
          A .js, .mjs, .cjs or .ts file on the machine that runs Parascope (relative to where it was started).
        </span>
      )}
      {opening && (
        <span className="muted param-hint" role="status">
          Opening {splitPath(opening).name}…
        </span>
      )}
      {recent.length > 0 && (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 4 }}
          data-testid="workload-recent"
        >
          <span className="muted param-hint">Recent</span>
          {recent.map((file) => {
            const { name, dir } = splitPath(file);
            return (
              <button
                key={file}
                type="button"
                className="button small"
                style={{
                  justifyContent: 'flex-start',
                  minWidth: 0,
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                }}
                title={file}
                disabled={busy}
                onClick={() => open(file)}
                data-testid="recent-file"
                data-path={file}
              >
                <span className="mono">{name}</span>
                <span
                  className="muted mono"
                  style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  {dir}
                </span>
              </button>
            );
          })}
        </div>
      )}
      {error && (
        <div
          className="bad-text"
          role="alert"
          data-testid="workload-error"
          style={{ fontSize: 13, overflowWrap: 'anywhere' }}
        >
          <strong className="mono">{error.name}</strong>: {error.message}
          {error.stack && (
            <pre className="error-stack mono" style={{ maxHeight: 200 }}>
              {error.stack}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
