/** The Run panel: scenario picker, its parameters, Run and Stop. */
import { useMemo, useState } from 'react';
import type { ErrorData } from '../../shared/errors';
import type { ParamValues, ScenarioInfo } from '../../shared/scenarios';
import { HostError } from '../client/client-errors';
import { useAppState, useServices } from '../app/context';
import { useHostCall } from '../app/use-host-call';
import { isBusy } from '../state/app-state';
import { Card, Notice } from './common';

/** Why a parameter's text is not acceptable, or null. */
function paramProblem(text: string, min: number, max: number): string | null {
  if (text.trim() === '') return 'required';
  const value = Number(text);
  if (!Number.isInteger(value)) return 'whole number';
  if (value < min || value > max) return `${min}–${max}`;
  return null;
}

function toErrorData(err: unknown): ErrorData {
  if (err instanceof HostError)
    return { code: err.code, name: err.name, message: err.message, stack: err.remoteStack };
  const e = err instanceof Error ? err : new Error(String(err));
  return { code: 'internal', name: e.name, message: e.message };
}

/** The panel. */
export function RunPanel() {
  const { client, store } = useServices();
  const { state, retry } = useHostCall('scenarios:list');
  const session = useAppState((s) => s.session);
  const connection = useAppState((s) => s.connection);
  const scenarios = useMemo(() => (state.status === 'ready' ? state.value : []), [state]);
  const [selected, setSelected] = useState<string | null>(null);
  // What the user typed, per parameter; untouched parameters show their default.
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [stopping, setStopping] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);

  const scenario = scenarios.find((s) => s.id === selected) ?? scenarios[0] ?? null;
  const textOf = (p: ScenarioInfo['params'][number]): string => texts[p.name] ?? String(p.default);

  const busy = isBusy(session);
  const problems = scenario
    ? Object.fromEntries(scenario.params.map((p) => [p.name, paramProblem(textOf(p), p.min, p.max)]))
    : {};
  const valid = scenario !== null && Object.values(problems).every((p) => p === null);

  const run = (): void => {
    if (!scenario || !valid || busy) return;
    const params: ParamValues = Object.fromEntries(scenario.params.map((p) => [p.name, Number(textOf(p))]));
    store.dispatch({ type: 'start-requested', scenario: scenario.id });
    client.api.invoke('session:start', { scenario: scenario.id, params }).then(
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
        {scenarios.map((s) => (
          <label
            key={s.id}
            className={s.id === scenario?.id ? 'scenario selected' : 'scenario'}
            data-testid={`scenario-${s.id}`}
          >
            <input
              type="radio"
              name="scenario"
              value={s.id}
              checked={s.id === scenario?.id}
              disabled={busy}
              onChange={() => {
                setSelected(s.id);
                setTexts({});
              }}
            />
            <span className="scenario-title">{s.title}</span>
            <span className="scenario-purpose">{s.purpose}</span>
          </label>
        ))}
        {scenarios.length === 0 && <span className="muted">The host offers no scenarios.</span>}
      </div>
      {scenario && scenario.params.length > 0 && (
        <form
          className="params"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          {scenario.params.map((p) => (
            <label key={p.name} className="param">
              <span className="param-label">{p.label}</span>
              <input
                className={problems[p.name] ? 'input mono invalid' : 'input mono'}
                type="number"
                inputMode="numeric"
                min={p.min}
                max={p.max}
                step={1}
                value={textOf(p)}
                disabled={busy}
                onChange={(e) => setTexts((t) => ({ ...t, [p.name]: e.target.value }))}
                data-testid={`param-${p.name}`}
                aria-invalid={problems[p.name] !== null}
              />
              <span className={problems[p.name] ? 'param-hint bad-text' : 'param-hint muted'}>
                {problems[p.name] ? problems[p.name] : `${p.min}–${p.max}`}
              </span>
            </label>
          ))}
          <button type="submit" hidden />
        </form>
      )}
      <div className="run-buttons">
        <button
          type="button"
          className="button primary"
          onClick={run}
          disabled={!valid || busy || connection !== 'open'}
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
    </Card>
  );
}
