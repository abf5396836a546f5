/**
 * The task lanes on a canvas: one lane per worker, one bar per task, a time axis, hover
 * tooltips, wheel zoom, drag pan, double-click to fit. Painting happens in one
 * requestAnimationFrame callback, requested only when an input changed, plus every frame
 * while a session runs (its open bars grow to "now"). The session's highlight (an insight's
 * evidence) is a band over the lanes; choosing one brings it into view, clearing it keeps the
 * zoom. Test ids: `task-timeline` (wrapper); its canvas has `data-highlight="<from>-<to>"`
 * while the band is drawn.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { Theme } from '../app/theme';
import type { SessionView } from '../state/app-state';
import { hostNowUs, type ClockAnchor } from '../state/host-clock';
import { drawTimeline, readColors, type ColorMode, type TimelineColors } from '../timeline/draw-timeline';
import { highlightAttr, highlightBand } from '../timeline/highlight';
import { useElementWidth, useHighlightFocus, useWheelZoom, type WheelZoomSource } from './use-timeline-view';
import {
  buildLanes,
  DEFAULT_LAYOUT,
  hitTest,
  plotHeight,
  visibleBars,
  type Bar,
  type Layout,
  type TimeRange,
} from '../timeline/lanes';
import { taskDetails } from '../timeline/task-details';

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

interface Hover {
  taskId: string;
  x: number;
  y: number;
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
function fitRange(session: SessionView, nowUs: number): TimeRange {
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

/** The range drawn: the user's zoom, else the fitted view (a placeholder before any run). */
function viewOf(session: SessionView | null, range: TimeRange | null, nowUs: number): TimeRange {
  return range ?? (session ? fitRange(session, nowUs) : { startUs: 0, endUs: 1_000_000 });
}

function isLive(session: SessionView | null): boolean {
  return session !== null && (session.phase === 'running' || session.phase === 'starting');
}

/**
 * "Now" on the trace clock, µs. While live: the host's clock mapped from the newest stamp (see
 * host-clock.ts). Once ended: the moment it ended, so a task cut off by Stop shows how long it
 * ran. Never before the last event or the start.
 */
function currentNow(session: SessionView | null, clock: ClockAnchor | null): number {
  if (!session) return 0;
  const last = Math.max(session.trace.maxTs ?? -Infinity, session.startedUs ?? -Infinity);
  const floor = Number.isFinite(last) ? last : 0;
  if (!isLive(session)) return Math.max(floor, session.endedUs ?? floor);
  if (clock === null) return floor;
  return Math.max(floor, hostNowUs(clock, performance.now()));
}

/** The timeline canvas and its tooltip. */
export function TaskTimeline({ session, clock, theme, colorMode, fitSignal }: TaskTimelineProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const trace = session?.trace ?? null;
  const lanes = useMemo(() => (trace ? buildLanes(trace) : []), [trace]);
  const layout: Layout = useMemo(() => ({ ...DEFAULT_LAYOUT, width }), [width]);
  // Before any run, leave room for a few lanes so the empty state does not look collapsed.
  const height = plotHeight(DEFAULT_LAYOUT, session ? lanes.length : 4);

  // What the painter reads; refreshed after every render so the rAF callback sees the latest.
  const paintInput = {
    session,
    clock,
    lanes,
    layout,
    height,
    range,
    colorMode,
    hoverId: hover?.taskId ?? null,
  };
  const latest = useRef(paintInput);
  const colors = useRef<TimelineColors | null>(null);
  const frame = useRef<number | null>(null);
  const drawn = useRef<{ bars: Bar[]; range: TimeRange }>({ bars: [], range: { startUs: 0, endUs: 1 } });

  const paint = useCallback((): void => {
    frame.current = null;
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    const input = latest.current;
    if (!canvas || !wrap || input.layout.width <= 0) return;
    colors.current ??= readColors(wrap);
    const dpr = window.devicePixelRatio || 1;
    const pxW = Math.round(input.layout.width * dpr);
    const pxH = Math.round(input.height * dpr);
    if (canvas.width !== pxW || canvas.height !== pxH) {
      canvas.width = pxW;
      canvas.height = pxH;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const nowUs = currentNow(input.session, input.clock);
    const session = input.session;
    const view = viewOf(session, input.range, nowUs);
    const highlight = session?.highlight ?? null;
    const bars = visibleBars(input.lanes, view, input.layout, nowUs);
    drawTimeline(ctx, {
      lanes: input.lanes,
      bars,
      range: view,
      layout: input.layout,
      height: input.height,
      colors: colors.current,
      colorMode: input.colorMode,
      hoveredTaskId: input.hoverId,
      originUs: session ? (originOf(session) ?? view.startUs) : null,
      nowUs: isLive(input.session) ? nowUs : null,
      live: isLive(input.session),
      highlight,
    });
    drawn.current = { bars, range: view };
    wrap.dataset.taskBars = String(bars.length);
    if (highlight && highlightBand(highlight, view, input.layout))
      canvas.dataset.highlight = highlightAttr(highlight);
    else delete canvas.dataset.highlight;
    if (isLive(input.session)) frame.current = requestAnimationFrame(paint);
  }, []);

  const requestPaint = useCallback((): void => {
    frame.current ??= requestAnimationFrame(paint);
  }, [paint]);

  useLayoutEffect(() => {
    latest.current = paintInput;
    requestPaint();
  });

  useEffect(() => {
    colors.current = null;
    requestPaint();
  }, [theme, requestPaint]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // A new session or the Fit button returns to the fitted view.
  const sessionId = session?.sessionId ?? null;
  useEffect(() => setRange(null), [sessionId, fitSignal]);

  useHighlightFocus(
    session?.highlight,
    () => {
      const input = latest.current;
      return viewOf(input.session, input.range, currentNow(input.session, input.clock));
    },
    setRange,
  );

  useElementWidth(wrapRef, setWidth);

  const wheel = useRef<WheelZoomSource>({
    range: () => drawn.current.range,
    layout: () => latest.current.layout,
    enabled: () => latest.current.session !== null,
  });
  useWheelZoom(canvasRef, wheel, setRange);

  const drag = useRef<{ x: number; range: TimeRange } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (e.button !== 0) return;
    drag.current = { x: e.nativeEvent.offsetX, range: drawn.current.range };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const x = e.nativeEvent.offsetX;
    const y = e.nativeEvent.offsetY;
    if (drag.current && e.buttons & 1) {
      const { range: start } = drag.current;
      const plot = Math.max(1, layout.width - layout.gutter);
      const shift = ((drag.current.x - x) / plot) * (start.endUs - start.startUs);
      if (Math.abs(drag.current.x - x) > 2) {
        setRange({ startUs: start.startUs + shift, endUs: start.endUs + shift });
        setHover(null);
        return;
      }
    }
    const bar = hitTest(drawn.current.bars, x, y);
    setHover(bar ? { taskId: bar.task.taskId, x, y } : null);
  };
  const endDrag = (): void => {
    drag.current = null;
  };

  const hoveredTask = hover && trace ? trace.tasks.get(hover.taskId) : undefined;
  const details = hoveredTask ? taskDetails(hoveredTask, currentNow(session, clock), isLive(session)) : null;
  const flip = hover !== null && hover.x > width - 300;

  return (
    <div className="timeline-wrap" ref={wrapRef} data-testid="task-timeline" data-lanes={lanes.length}>
      <canvas
        ref={canvasRef}
        className="timeline-canvas"
        style={{ width: '100%', height }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onPointerLeave={() => setHover(null)}
        onDoubleClick={() => setRange(null)}
        aria-label={`Task timeline: ${lanes.length} worker lanes`}
        role="img"
      />
      {!session && <div className="timeline-empty">No run yet. Pick a scenario and press Run.</div>}
      {session && lanes.length === 0 && (
        <div className="timeline-empty">
          {isLive(session) ? 'Waiting for workers…' : 'No pool in this run: its processes are below.'}
        </div>
      )}
      {details && hover && (
        <div
          className="tooltip"
          role="tooltip"
          data-testid="task-tooltip"
          style={{
            top: hover.y + 14,
            left: flip ? undefined : hover.x + 14,
            right: flip ? width - hover.x + 14 : undefined,
          }}
        >
          <div className="tooltip-title">{details.title}</div>
          <dl>
            {details.rows.map((row) => (
              <div key={row.label} className={row.label === 'error' ? 'tooltip-row bad-text' : 'tooltip-row'}>
                <dt>{row.label}</dt>
                <dd className="mono">{row.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
