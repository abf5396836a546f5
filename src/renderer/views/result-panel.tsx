/**
 * The outcome of the last run: result vs expected, the parameters, timing and counts, and the
 * insights of its trace; or the error.
 */
import type { SessionView } from '../state/app-state';
import { formatValue } from '../format/format';
import { formatDuration } from '../timeline/time-axis';
import { Card, KeyValues, type KvRow } from './common';
import { InsightsList } from './insights-list';
import { INLINE_RESULT, fullResult } from './result-text';

/** Shows the final `session:status` of `session` (nothing yet while it runs). */
export function ResultPanel({ session }: { session: SessionView }) {
  const { summary, error, phase } = session;
  if (phase === 'starting' || phase === 'running') return null;
  if (error) {
    return (
      <Card title="Run failed" className="result-card failed" testId="run-error">
        <div className="error-head">
          <span className="badge bad">✗</span>
          <span className="mono strong">{error.name}</span>
          <span className="error-message">{error.message}</span>
          <span className="chip subtle mono">{error.code}</span>
        </div>
        {error.stack && <pre className="error-stack mono">{error.stack}</pre>}
      </Card>
    );
  }
  if (!summary) {
    return (
      <Card title="Result" className="result-card">
        <span className="muted">
          {phase === 'stopped' ? 'Stopped before it finished.' : 'No summary was reported.'}
        </span>
      </Card>
    );
  }
  const params = Object.entries(summary.params);
  const full = fullResult(summary.result);
  const rows: KvRow[] = [
    { label: 'result', value: formatValue(summary.result, INLINE_RESULT), mono: true, testId: 'run-result' },
  ];
  if (params.length > 0) {
    rows.push({
      label: 'params',
      value: params.map(([name, value]) => `${name}=${String(value)}`).join('  '),
      mono: true,
      testId: 'run-params',
    });
  }
  if (summary.expected !== undefined) {
    rows.push({
      label: 'expected',
      value: formatValue(summary.expected, 280),
      mono: true,
      testId: 'run-expected',
    });
  }
  return (
    <Card
      title="Result"
      className="result-card"
      extra={
        summary.ok === undefined ? null : (
          <span
            className={summary.ok ? 'badge ok' : 'badge bad'}
            data-testid="run-ok"
            data-ok={String(summary.ok)}
          >
            {summary.ok ? '✓ matches expected' : '✗ differs from expected'}
          </span>
        )
      }
    >
      <div className="result-grid">
        <KeyValues rows={rows} />
        <div className="stats">
          <Stat label="duration" value={formatDuration(summary.durationMs * 1000)} testId="run-duration" />
          <Stat label="tasks" value={String(summary.tasks)} testId="run-tasks" />
          <Stat label="workers" value={String(summary.workers)} testId="run-workers" />
        </div>
      </div>
      {full !== null && (
        <details className="result-full" data-testid="run-result-full">
          <summary>Full result</summary>
          <pre className="error-stack mono">{full}</pre>
        </details>
      )}
      {summary.insights && (
        <>
          <h3 className="result-section-title">Insights</h3>
          <InsightsList session={session} insights={summary.insights} />
        </>
      )}
    </Card>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <div className="stat-value mono" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
