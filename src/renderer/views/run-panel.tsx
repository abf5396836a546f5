/** The Run panel: the scenarios and the user's opened workload file, their parameters, Run and Stop. */
import { useMemo, useState } from 'react';
import type { SessionStartRequest } from '../../shared/contract';
import type { ScenarioInfo, WorkloadInfo } from '../../shared/scenarios';
import { useAppState, useServices } from '../app/context';
import { useHostCall } from '../app/use-host-call';
import { isBusy } from '../state/app-state';
import { Card, Notice } from './common';
import { toErrorData } from './error-data';
import { ParamControls } from './param-controls';
import { valuesOf, type ParamDraft } from './param-draft';
import { WorkloadOpener } from './workload-opener';

/** The panel. */
export function RunPanel() {
  const { client, store } = useServices();
  const { state, retry } = useHostCall('scenarios:list');
  const info = useHostCall('host:info').state;
  const session = useAppState((s) => s.session);
  const connection = useAppState((s) => s.connection);
  const catalog = useMemo(() => (state.status === 'ready' ? state.value : []), [state]);
  /** The workload file opened last, listed first and selected when it is opened. */
  const [workload, setWorkload] = useState<WorkloadInfo | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // What the user set, per parameter; untouched parameters show their default.
  const [draft, setDraft] = useState<ParamDraft>({});
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);

  const choices: ScenarioInfo[] = workload ? [workload, ...catalog] : catalog;
  const scenario = choices.find((s) => s.id === selected) ?? choices[0] ?? null;
  const file = workload !== null && scenario?.id === workload.id ? workload : null;

  const busy = isBusy(session);
  const values = scenario ? valuesOf(scenario.params, draft) : null;
  const select = (id: string): void => {
    setSelected(id);
    setDraft({});
  };

  const run = (): void => {
    if (!scenario || !values || busy) return;
    const request: SessionStartRequest = file
      ? { file: file.path, params: values }
      : { scenario: scenario.id, params: values };
    store.dispatch({ type: 'start-requested', scenario: scenario.id });
    client.api.invoke('session:start', request).then(
      ({ sessionId }) => store.dispatch({ type: 'start-replied', sessionId }),
      (err: unknown) => store.dispatch({ type: 'start-failed', error: toErrorData(err) }),
    );
  };

  const stop = (): void => {
    const id = session?.sessionId;
    if (!id) return;
    setStopping(true);
    setStopError(null);
    client.api.invoke('session:stop', { sessionId: id }).then(
      () => setStopping(false),
      (err: Error) => {
        setStopping(false);
        setStopError(`Stop failed: ${err.message}`);
      },
    );
  };

  if (state.status === 'loading') return <Notice kind="loading">Loading scenarios…</Notice>;
  if (state.status === 'error') {
    return (
      <Notice kind="error" onRetry={retry}>
        Could not list scenarios: {state.error.message}
      </Notice>
    );
  }
  return (
    <Card title="Run a scenario" className="run-panel">
      <div className="scenario-list" role="radiogroup" aria-label="Scenario">
        {choices.map((s) => (
          <label
            key={s.id}
            className={s.id === scenario?.id ? 'scenario selected' : 'scenario'}
            data-testid={s === workload ? 'scenario-workload' : `scenario-${s.id}`}
            title={s === workload ? s.id : undefined}
          >
            <input
              type="radio"
              name="scenario"
              value={s.id}
              checked={s.id === scenario?.id}
              disabled={busy}
              onChange={() => select(s.id)}
            />
            <span className="scenario-title">{s.title}</span>
            <span className="scenario-purpose">
              {s === workload ? s.purpose || 'Your workload file' : s.purpose}
            </span>
          </label>
        ))}
        {choices.length === 0 && <span className="muted">The host offers no scenarios.</span>}
      </div>
      {file && (
        // Code is about to run on the host: say exactly which file, in full.
        <p className="param-hint" style={{ margin: '10px 0 0', overflowWrap: 'anywhere' }}>
          <span className="muted">Runs </span>
          <span className="mono strong" data-testid="workload-file">
            {file.path}
          </span>
          {!file.hasExpected && <span className="muted"> · no expected answer, so no pass/fail</span>}
        </p>
      )}
      {scenario && (
        <ParamControls
          params={scenario.params}
          draft={draft}
          onChange={(name, value) => setDraft((d) => ({ ...d, [name]: value }))}
          onSubmit={run}
          disabled={busy}
        />
      )}
      <div className="run-buttons">
        <button
          type="button"
          className="button primary"
          onClick={run}
          disabled={!values || busy || connection !== 'open'}
          data-testid="run-button"
        >
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
          </svg>
          Run
        </button>
        <button
          type="button"
          className="button danger"
          onClick={stop}
          disabled={!busy || !session?.sessionId || stopping}
          data-testid="stop-button"
        >
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <rect x="3" y="3" width="10" height="10" rx="1.5" fill="currentColor" />
          </svg>
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      {stopError && (
        <p className="bad-text panel-error" role="alert">
          {stopError}
        </p>
      )}
      <WorkloadOpener
        filePicker={info.status === 'ready' && info.value.filePicker}
        disabled={busy}
        onOpened={(opened) => {
          setWorkload(opened);
          select(opened.id);
        }}
      />
    </Card>
  );
}
