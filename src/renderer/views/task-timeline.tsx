/**
 * The task lanes on a canvas: one lane per worker, one bar per task, a time axis, hover
 * tooltips, wheel zoom, drag pan, double-click to fit. Painting happens in one
 * requestAnimationFrame callback, requested only when an input changed, plus every frame
 * while a session runs (its open bars grow to "now"). The session's highlight (an insight's
 * evidence) is a band over the lanes; choosing one brings it into view, clearing it keeps the
 * zoom. Test ids: `task-timeline` (wrapper); its canvas has `data-highlight="<from>-<to>"`
 * while the band is drawn.
 */
import { useMemo } from 'react';
import type { Theme } from '../app/theme';
import type { SessionView } from '../state/app-state';
import type { ClockAnchor } from '../state/host-clock';
import { drawTimeline, type ColorMode } from '../timeline/draw-timeline';
import {
  buildLanes,
  DEFAULT_LAYOUT,
  hitTest,
  plotHeight,
  visibleBars,
  type Bar,
  type Lane,
  type TimeRange,
} from '../timeline/lanes';
import { isLive, sessionNowUs } from '../timeline/session-time';
import { taskDetails } from '../timeline/task-details';
import { TimelineTooltip, useTimelineCanvas, type PaintFrame } from './use-timeline-view';

/** Props of {@link TaskTimeline}. */
export interface TaskTimelineProps {
  session: SessionView | null;
  /** The newest host clock stamp: maps the local clock onto the trace clock for "now". */
  clock: ClockAnchor | null;
  theme: Theme;
  colorMode: ColorMode;
  /** Incremented by the parent's "Fit" button. */
  fitSignal: number;
}

/**
 * Time zero of a session: when it started (its status says), else its first event. Axis
 * labels count from here.
 */
function originOf(session: SessionView): number | null {
  return session.startedUs ?? session.trace.minTs;
}

/**
 * The visible range when the user has not zoomed. While a session runs: from its first event
 * (the session process's own start-up, often longer than the work, is left out) to now. Once
 * it has ended: the span in which its tasks ran, from the first start to the last end, with
 * a little air on both sides, so short tasks are not squeezed against the queueing, worker
 * start-up and shutdown around them (zoom out, or the tooltip's queue wait, shows those).
 */
function fitRange(session: SessionView | null, nowUs: number): TimeRange {
  // A placeholder before any run.
  if (!session) return { startUs: 0, endUs: 1_000_000 };
  const { trace } = session;
  if (!isLive(session) && trace.taskMinTs !== null && trace.taskMaxTs !== null) {
    const span = Math.max(100, trace.taskMaxTs - trace.taskMinTs);
    return { startUs: trace.taskMinTs - span * 0.05, endUs: trace.taskMaxTs + span * 0.05 };
  }
  const start = trace.minTs ?? originOf(session) ?? nowUs;
  const end = Math.max(nowUs, trace.maxTs ?? nowUs);
  const span = Math.max(1000, end - start);
  return { startUs: start, endUs: start + span * 1.03 };
}

/** What the painter reads besides the frame. */
interface TaskPaintInput {
  session: SessionView | null;
  clock: ClockAnchor | null;
  lanes: Lane[];
  colorMode: ColorMode;
}

/** Paints the task lanes; returns the bars it drew. */
function paintTasks(ctx: CanvasRenderingContext2D, frame: PaintFrame<Bar>, input: TaskPaintInput): Bar[] {
  const { session } = input;
  const bars = visibleBars(input.lanes, frame.range, frame.layout, frame.nowUs);
  drawTimeline(ctx, {
    ...frame,
    lanes: input.lanes,
    bars,
    colorMode: input.colorMode,
    hoveredTaskId: frame.hovered?.task.taskId ?? null,
    originUs: session ? (originOf(session) ?? frame.range.startUs) : null,
    nowUs: frame.live ? frame.nowUs : null,
  });
  frame.wrap.dataset.taskBars = String(bars.length);
  return bars;
}

/** The timeline canvas and its tooltip. */
export function TaskTimeline({ session, clock, theme, colorMode, fitSignal }: TaskTimelineProps) {
  const trace = session?.trace ?? null;
  const lanes = useMemo(() => (trace ? buildLanes(trace) : []), [trace]);
  const { wrapRef, canvasProps, width, hover } = useTimelineCanvas({
    theme,
    layout: DEFAULT_LAYOUT,
    // Before any run, leave room for a few lanes so the empty state does not look collapsed.
    height: plotHeight(DEFAULT_LAYOUT, session ? lanes.length : 4),
    input: { session, clock, lanes, colorMode },
    paint: paintTasks,
    hitTest,
    now: (input) => sessionNowUs(input.session, input.clock, performance.now()),
    fit: (input, nowUs) => fitRange(input.session, nowUs),
    live: isLive(session),
    zoomable: session !== null,
    sessionId: session?.sessionId ?? null,
    fitSignal,
    highlight: session?.highlight,
  });

  // The newest record of the hovered task (the bar may be a frame old).
  const hoveredTask = hover && trace ? trace.tasks.get(hover.hit.task.taskId) : undefined;
  const nowUs = sessionNowUs(session, clock, performance.now());
  const details = hoveredTask ? taskDetails(hoveredTask, nowUs, isLive(session)) : null;

  return (
    <div className="timeline-wrap" ref={wrapRef} data-testid="task-timeline" data-lanes={lanes.length}>
      <canvas {...canvasProps} aria-label={`Task timeline: ${lanes.length} worker lanes`} />
      {!session && <div className="timeline-empty">No run yet. Pick a scenario and press Run.</div>}
      {session && lanes.length === 0 && (
        <div className="timeline-empty">
          {isLive(session) ? 'Waiting for workers…' : 'No pool in this run: its processes are below.'}
        </div>
      )}
      {details && hover && (
        <TimelineTooltip at={hover} width={width} details={details} testId="task-tooltip" />
      )}
    </div>
  );
}
