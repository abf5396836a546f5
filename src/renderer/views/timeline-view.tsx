/** Timeline: the Run panel, the status line, the task lanes and the result of the last run. */
import { useMemo, useState } from 'react';
import type { Theme } from '../app/theme';
import { useAppState } from '../app/context';
import type { SessionView } from '../state/app-state';
import type { ColorMode } from '../timeline/draw-timeline';
import { countTasks } from '../timeline/task-details';
import { Card } from './common';
import { ActivityPanels } from './activity-panels';
import { ResultPanel } from './result-panel';
import { RunPanel } from './run-panel';
import { TaskTimeline } from './task-timeline';

/** The Timeline view. */
export function TimelineView({ theme }: { theme: Theme }) {
  const session = useAppState((s) => s.session);
  const clock = useAppState((s) => s.clock);
  const [colorMode, setColorMode] = useState<ColorMode>('name');
  const [fitSignal, setFitSignal] = useState(0);
  return (
    <div className="timeline-layout">
      <aside className="timeline-side">
        <RunPanel />
        <StatusLine session={session} />
      </aside>
      <div className="timeline-main">
        <Card
          title="Tasks by worker"
          className="timeline-card"
          extra={
            <>
              <span className="muted hint">scroll to zoom · drag to pan · double-click to fit</span>
              <div className="segmented" role="group" aria-label="Colour bars by">
                {(['name', 'status'] as const).map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    className={colorMode === mode ? 'seg active' : 'seg'}
                    aria-pressed={colorMode === mode}
                    onClick={() => setColorMode(mode)}
                    data-testid={`color-by-${mode}`}
                  >
                    {mode === 'name' ? 'By task' : 'By status'}
                  </button>
                ))}
              </div>
              <button type="button" className="button small" onClick={() => setFitSignal((n) => n + 1)}>
                Fit
              </button>
            </>
          }
        >
          <TaskTimeline
            session={session}
            clock={clock}
            theme={theme}
            colorMode={colorMode}
            fitSignal={fitSignal}
          />
        </Card>
        {session && <ResultPanel session={session} />}
        <ActivityPanels theme={theme} />
      </div>
    </div>
  );
}

const PHASE_TEXT = {
  starting: 'Starting',
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
  stopped: 'Stopped',
} as const;

function StatusLine({ session }: { session: SessionView | null }) {
  const counts = useMemo(() => (session ? countTasks(session.trace) : null), [session]);
  if (!session || !counts) {
    return (
      <div className="status-line" data-testid="run-status" data-state="idle">
        <div>
          <span className="dot idle" /> <strong>Idle</strong>{' '}
          <span className="muted">· nothing has run yet</span>
        </div>
      </div>
    );
  }
  const ended = session.phase !== 'starting' && session.phase !== 'running';
  const dot = { starting: 'warn', running: 'warn pulse', finished: 'ok', failed: 'bad', stopped: 'idle' }[
    session.phase
  ];
  return (
    <div className="status-line" data-testid="run-status" data-state={session.phase}>
      <div>
        <span className={`dot ${dot}`} /> <strong>{PHASE_TEXT[session.phase]}</strong>{' '}
        <span className="mono">{session.scenario}</span>
        {session.sessionId && <span className="muted mono"> · {session.sessionId}</span>}
      </div>
      <div className="counts mono">
        {ended ? (
          <>
            <span title="submitted but never started">{counts.queued} not started</span>
            <span title="started but never finished">{counts.running} cut off</span>
          </>
        ) : (
          <>
            <span title="submitted, waiting for a worker">{counts.queued} queued</span>
            <span title="on a worker now">{counts.running} running</span>
          </>
        )}
        <span title="finished without error">{counts.done} done</span>
        <span className={counts.failed > 0 ? 'bad-text' : undefined} title="finished with an error">
          {counts.failed} failed
        </span>
      </div>
      {session.truncated && (
        <div className="muted" data-testid="run-truncated">
          Long run: the host kept only its newest trace events, so the earliest tasks are missing.
        </div>
      )}
    </div>
  );
}
