/**
 * The actor timeline on a canvas: one lane per process or thread, its lock waits (hatched)
 * and holds (solid) in each lock's colour, its queue/pipe/value operations as ticks; hover for
 * details, wheel to zoom, drag to pan, double-click to fit. Painted in one
 * requestAnimationFrame callback, requested when an input changed, and every frame while the
 * session runs (open waits and holds grow to "now").
 *
 * The session's highlight (an insight's evidence) is a band over the lanes; choosing one brings
 * it into view, clearing it keeps the zoom.
 *
 * Test ids: `actor-timeline` (wrapper; `data-lanes` = lanes, `data-items` = boxes and ticks
 * drawn; its canvas has `data-highlight="<from>-<to>"` while the band is drawn), `actor-tooltip`.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { Theme } from '../app/theme';
import type { SessionView } from '../state/app-state';
import { hostNowUs, type ClockAnchor } from '../state/host-clock';
import { actorLabel, markDetails, spanDetails } from '../timeline/activity-details';
import {
  ACTOR_LAYOUT,
  buildActorLanes,
  fitActivityRange,
  hitTestActors,
  visibleActorItems,
  type ActorItem,
} from '../timeline/actor-lanes';
import { drawActors } from '../timeline/draw-actors';
import { highlightAttr, highlightBand } from '../timeline/highlight';
import { useElementWidth, useHighlightFocus, useWheelZoom, type WheelZoomSource } from './use-timeline-view';
import { readColors, type TimelineColors } from '../timeline/draw-timeline';
import { plotHeight, type Layout, type TimeRange } from '../timeline/lanes';

/** Props of {@link ActorTimeline}. */
export interface ActorTimelineProps {
  session: SessionView;
  clock: ClockAnchor | null;
  theme: Theme;
  /** Incremented by the parent's "Fit" button. */
  fitSignal: number;
}

function isLive(session: SessionView): boolean {
  return session.phase === 'running' || session.phase === 'starting';
}

/** "Now" on the trace clock (µs): the host's clock while live, the session's end once ended. */
function currentNow(session: SessionView, clock: ClockAnchor | null): number {
  const last = Math.max(session.trace.maxTs ?? -Infinity, session.startedUs ?? -Infinity);
  const floor = Number.isFinite(last) ? last : 0;
  if (!isLive(session)) return Math.max(floor, session.endedUs ?? floor);
  return clock === null ? floor : Math.max(floor, hostNowUs(clock, performance.now()));
}

/** The range drawn: the user's zoom, else the fitted view (the last second before any activity). */
function viewOf(session: SessionView, range: TimeRange | null, nowUs: number): TimeRange {
  return (
    range ??
    fitActivityRange(session.trace.activity, nowUs, isLive(session)) ?? { startUs: nowUs - 1e6, endUs: nowUs }
  );
}

interface Hover {
  item: ActorItem;
  x: number;
  y: number;
}

/** The actor lanes and their tooltip. */
export function ActorTimeline({ session, clock, theme, fitSignal }: ActorTimelineProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const activity = session.trace.activity;
  const lanes = useMemo(() => buildActorLanes(activity), [activity]);
  const layout: Layout = useMemo(() => ({ ...ACTOR_LAYOUT, width }), [width]);
  const height = plotHeight(ACTOR_LAYOUT, Math.max(lanes.length, 2));

  const latest = useRef({ session, clock, lanes, layout, height, range, hover: hover?.item ?? null });
  const colors = useRef<TimelineColors | null>(null);
  const frame = useRef<number | null>(null);
  const drawn = useRef<{ items: ActorItem[]; range: TimeRange }>({
    items: [],
    range: { startUs: 0, endUs: 1 },
  });

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
    const live = isLive(input.session);
    const nowUs = currentNow(input.session, input.clock);
    const { activity: act } = input.session.trace;
    const view = viewOf(input.session, input.range, nowUs);
    const highlight = input.session.highlight ?? null;
    const items = visibleActorItems(input.lanes, act, view, input.layout, nowUs);
    drawActors(ctx, {
      lanes: input.lanes,
      items,
      range: view,
      layout: input.layout,
      height: input.height,
      colors: colors.current,
      hovered: input.hover,
      originUs: input.session.startedUs ?? act.minTs ?? view.startUs,
      nowUs: live ? nowUs : null,
      live,
      highlight,
    });
    drawn.current = { items, range: view };
    wrap.dataset.items = String(items.length);
    if (highlight && highlightBand(highlight, view, input.layout))
      canvas.dataset.highlight = highlightAttr(highlight);
    else delete canvas.dataset.highlight;
    if (live) frame.current = requestAnimationFrame(paint);
  }, []);

  const requestPaint = useCallback((): void => {
    frame.current ??= requestAnimationFrame(paint);
  }, [paint]);

  useLayoutEffect(() => {
    latest.current = { session, clock, lanes, layout, height, range, hover: hover?.item ?? null };
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

  const sessionId = session.sessionId;
  useEffect(() => setRange(null), [sessionId, fitSignal]);

  useHighlightFocus(
    session.highlight,
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
    enabled: () => true,
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
    if (drag.current && e.buttons & 1 && Math.abs(drag.current.x - x) > 2) {
      const { range: start } = drag.current;
      const plot = Math.max(1, layout.width - layout.gutter);
      const shift = ((drag.current.x - x) / plot) * (start.endUs - start.startUs);
      setRange({ startUs: start.startUs + shift, endUs: start.endUs + shift });
      setHover(null);
      return;
    }
    const item = hitTestActors(drawn.current.items, x, y);
    setHover(item ? { item, x, y } : null);
  };
  const endDrag = (): void => {
    drag.current = null;
  };

  const details = hover ? describe(hover.item, session, clock) : null;
  const flip = hover !== null && hover.x > width - 300;

  return (
    <div className="timeline-wrap" ref={wrapRef} data-testid="actor-timeline" data-lanes={lanes.length}>
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
        aria-label={`Processes and threads: ${lanes.length} lanes of lock waits, holds and queue operations`}
        role="img"
      />
      {lanes.length === 0 && (
        <div className="timeline-empty">No locks, queues or processes in this run yet.</div>
      )}
      {details && hover && (
        <div
          className="tooltip"
          role="tooltip"
          data-testid="actor-tooltip"
          style={{
            top: hover.y + 14,
            left: flip ? undefined : hover.x + 14,
            right: flip ? width - hover.x + 14 : undefined,
          }}
        >
          <div className="tooltip-title">{details.title}</div>
          <dl>
            {details.rows.map((row) => (
              <div key={row.label} className="tooltip-row">
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

/** Tooltip content for the hovered box or tick. */
function describe(item: ActorItem, session: SessionView, clock: ClockAnchor | null) {
  const actorKey = item.type === 'span' ? item.span.actor : item.mark.actor;
  const actor = session.trace.activity.actors.get(actorKey);
  const label = actor ? actorLabel(actor) : null;
  const name = label ? `${label.name} (${label.detail})` : actorKey;
  return item.type === 'span'
    ? spanDetails(
        item.span,
        name,
        Math.min(currentNow(session, clock), actor?.exitTs ?? Infinity),
        isLive(session) && actor?.exitTs == null,
      )
    : markDetails(item.mark, name);
}
