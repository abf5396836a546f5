/**
 * The insights of a finished run (RunSummary.insights): for each, its kind and severity, the
 * one-line message, the suggested fix, when it happened, and "Show on timeline", which marks
 * the insight's evidence range as the session's highlight for the timeline to draw.
 */
import type { Insight, InsightSeverity } from '../../shared/insights';
import { useServices } from '../app/context';
import type { HighlightRange, SessionView } from '../state/app-state';
import { formatDuration } from '../timeline/time-axis';
import '../styles/insights.css';

const SEVERITY_TEXT: Record<InsightSeverity, string> = {
  problem: 'problem',
  warning: 'warning',
  info: 'info',
};

/** Whether `insight`'s evidence is the range highlighted now. */
function isShown(insight: Insight, highlight: HighlightRange | undefined): boolean {
  return (
    highlight !== undefined &&
    highlight.label === insight.kind &&
    highlight.fromTs === Math.min(insight.evidence.fromTs, insight.evidence.toTs) &&
    highlight.toTs === Math.max(insight.evidence.fromTs, insight.evidence.toTs)
  );
}

/** "at 1.23 s" or "1.23 s – 1.40 s" after the session's start (its timeline's time zero). */
function when(insight: Insight, startedUs: number | null): string | null {
  if (startedUs === null) return null;
  const from = insight.evidence.fromTs - startedUs;
  const to = insight.evidence.toTs - startedUs;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  return to - from < 1 ? `at ${formatDuration(from)}` : `${formatDuration(from)} – ${formatDuration(to)}`;
}

/** Text with `code` in backticks (as the engine writes API calls) shown in the code face. */
function WithCode({ text }: { text: string }) {
  const parts = text.split('`');
  // An unmatched backtick leaves an even count of parts: show the text as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="mono insight-code">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** The list; says so when the trace showed nothing of note. */
export function InsightsList({ session, insights }: { session: SessionView; insights: readonly Insight[] }) {
  const { store } = useServices();
  if (insights.length === 0) {
    return (
      <p className="insights-none muted" data-testid="insights-none">
        No insights: nothing in the trace calls for attention.
      </p>
    );
  }
  const show = (insight: Insight): void => {
    const range: HighlightRange | null = isShown(insight, session.highlight)
      ? null
      : { fromTs: insight.evidence.fromTs, toTs: insight.evidence.toTs, label: insight.kind };
    store.dispatch({ type: 'highlight', sessionId: session.sessionId, range });
  };
  return (
    <ul className="insights" data-testid="insights">
      {insights.map((insight, i) => {
        const shown = isShown(insight, session.highlight);
        const time = when(insight, session.startedUs);
        return (
          <li
            key={`${insight.kind}-${i}`}
            className={`insight ${insight.severity}${shown ? ' shown' : ''}`}
            data-testid={`insight-${insight.kind}`}
            data-severity={insight.severity}
          >
            <div className="insight-head">
              <span className={`insight-severity ${insight.severity}`}>
                {SEVERITY_TEXT[insight.severity]}
              </span>
              <span className="mono strong insight-kind">{insight.kind}</span>
              {time && <span className="muted mono insight-time">{time}</span>}
              <button
                type="button"
                className={shown ? 'button small active' : 'button small'}
                aria-pressed={shown}
                onClick={() => show(insight)}
                data-testid={`insight-show-${insight.kind}`}
              >
                {shown ? 'Shown on timeline' : 'Show on timeline'}
              </button>
            </div>
            <p className="insight-message" data-testid={`insight-message-${insight.kind}`}>
              <WithCode text={insight.message} />
            </p>
            <p className="insight-fix">
              <span className="muted">Fix: </span>
              <WithCode text={insight.fix} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
