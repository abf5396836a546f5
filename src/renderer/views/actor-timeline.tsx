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
import { useMemo } from 'react';
import type { Theme } from '../app/theme';
import type { SessionView } from '../state/app-state';
import type { ActorRecord } from '../state/activity-types';
import type { ClockAnchor } from '../state/host-clock';
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
import { plotHeight, type TimeRange } from '../timeline/lanes';
import { isLive, sessionNowUs } from '../timeline/session-time';
import { TimelineTooltip, useTimelineCanvas, type PaintFrame } from './use-timeline-view';

/** Props of {@link ActorTimeline}. */
export interface ActorTimelineProps {
  session: SessionView;
  clock: ClockAnchor | null;
  theme: Theme;
  /** Incremented by the parent's "Fit" button. */
  fitSignal: number;
}

/** The range shown when the user has not zoomed: the activity, or the last second before any. */
function fitView(session: SessionView, nowUs: number): TimeRange {
  return (
    fitActivityRange(session.trace.activity, nowUs, isLive(session)) ?? { startUs: nowUs - 1e6, endUs: nowUs }
  );
}

/** What the painter reads besides the frame. */
interface ActorPaintInput {
  session: SessionView;
  clock: ClockAnchor | null;
  lanes: ActorRecord[];
}

/** Paints the actor lanes; returns the boxes and ticks it drew. */
function paintActors(
  ctx: CanvasRenderingContext2D,
  frame: PaintFrame<ActorItem>,
  input: ActorPaintInput,
): ActorItem[] {
  const { session } = input;
  const { activity } = session.trace;
  const items = visibleActorItems(input.lanes, activity, frame.range, frame.layout, frame.nowUs);
  drawActors(ctx, {
    ...frame,
    lanes: input.lanes,
    items,
    originUs: session.startedUs ?? activity.minTs ?? frame.range.startUs,
    nowUs: frame.live ? frame.nowUs : null,
  });
  frame.wrap.dataset.items = String(items.length);
  return items;
}

/** The actor lanes and their tooltip. */
export function ActorTimeline({ session, clock, theme, fitSignal }: ActorTimelineProps) {
  const activity = session.trace.activity;
  const lanes = useMemo(() => buildActorLanes(activity), [activity]);
  const { wrapRef, canvasProps, width, hover } = useTimelineCanvas({
    theme,
    layout: ACTOR_LAYOUT,
    height: plotHeight(ACTOR_LAYOUT, Math.max(lanes.length, 2)),
    input: { session, clock, lanes },
    paint: paintActors,
    hitTest: hitTestActors,
    now: (input) => sessionNowUs(input.session, input.clock, performance.now()),
    fit: (input, nowUs) => fitView(input.session, nowUs),
    live: isLive(session),
    zoomable: true,
    sessionId: session.sessionId,
    fitSignal,
    highlight: session.highlight,
  });

  const details = hover ? describe(hover.hit, session, clock) : null;

  return (
    <div className="timeline-wrap" ref={wrapRef} data-testid="actor-timeline" data-lanes={lanes.length}>
      <canvas
        {...canvasProps}
        aria-label={`Processes and threads: ${lanes.length} lanes of lock waits, holds and queue operations`}
      />
      {lanes.length === 0 && (
        <div className="timeline-empty">No locks, queues or processes in this run yet.</div>
      )}
      {details && hover && (
        <TimelineTooltip at={hover} width={width} details={details} testId="actor-tooltip" />
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
        Math.min(sessionNowUs(session, clock, performance.now()), actor?.exitTs ?? Infinity),
        isLive(session) && actor?.exitTs == null,
      )
    : markDetails(item.mark, name);
}
