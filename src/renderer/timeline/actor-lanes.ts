/**
 * Geometry of the actor timeline: one lane per process or thread, its lock waits and holds
 * as boxes, its queue/pipe/value operations as ticks. Pure, so the canvas and the tooltip
 * agree on where everything is. Time ↔ pixel mapping is the task timeline's (lanes.ts).
 */
import type { ActivityState, ActorRecord, LockSpan, Mark, OpenLock } from '../state/activity-types';
import { byStart } from './activity-details';
import { timeToX, type Layout, type TimeRange } from './lanes';

/** Layout of the actor lanes (CSS px): a little lower than task lanes, there may be many. */
export const ACTOR_LAYOUT: Omit<Layout, 'width'> = { gutter: 136, axis: 28, laneHeight: 30, barInset: 5 };

/** A lock box: a finished span, or one in progress (`open`, drawn to now). */
export interface SpanItem {
  type: 'span';
  span: LockSpan | OpenLock;
  open: boolean;
  lane: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A tick for an instant operation. */
export interface MarkItem {
  type: 'mark';
  mark: Mark;
  lane: number;
  x: number;
  y: number;
  h: number;
}

/** Anything drawn on an actor lane. */
export type ActorItem = SpanItem | MarkItem;

/** The actors, one lane each, main first, then in the order they started. */
export function buildActorLanes(activity: ActivityState): ActorRecord[] {
  return [...activity.actors.values()].sort(byStart);
}

/**
 * The items intersecting `range`, in drawing order: waits, then holds, then ticks. Ticks that
 * would land on the pixel of the previous tick of the same lane and kind are left out: a
 * million queue operations draw as at most one tick per pixel column.
 */
export function visibleActorItems(
  lanes: readonly ActorRecord[],
  activity: ActivityState,
  range: TimeRange,
  layout: Layout,
  nowUs: number,
): ActorItem[] {
  const laneOf = new Map(lanes.map((a, i) => [a.key, i]));
  const waits: SpanItem[] = [];
  const holds: SpanItem[] = [];
  const top = (lane: number): number => layout.axis + lane * layout.laneHeight + layout.barInset;
  const h = layout.laneHeight - 2 * layout.barInset;

  const place = (span: LockSpan | OpenLock, endTs: number, open: boolean): void => {
    const lane = laneOf.get(span.actor);
    if (lane === undefined || endTs < range.startUs || span.startTs > range.endUs) return;
    const x0 = Math.max(layout.gutter, timeToX(span.startTs, range, layout));
    const x1 = Math.min(layout.width, timeToX(endTs, range, layout));
    const item: SpanItem = {
      type: 'span',
      span,
      open,
      lane,
      x: x0,
      y: top(lane),
      w: Math.max(1, x1 - x0),
      h,
    };
    (span.phase === 'wait' ? waits : holds).push(item);
  };
  for (const span of activity.spans) place(span, span.endTs, false);
  // A wait or hold still open when its actor exited ends there, not at "now".
  const exitOf = new Map(lanes.map((a) => [a.key, a.exitTs ?? Infinity]));
  for (const list of activity.open.values()) {
    for (const span of list) {
      place(span, Math.max(span.startTs, Math.min(nowUs, exitOf.get(span.actor) ?? Infinity)), true);
    }
  }

  const marks: MarkItem[] = [];
  const lastX = new Map<string, number>();
  const markH = Math.max(4, Math.round(h * 0.35));
  for (const mark of activity.marks) {
    if (mark.ts < range.startUs || mark.ts > range.endUs) continue;
    const lane = laneOf.get(mark.actor);
    if (lane === undefined) continue;
    const x = Math.round(timeToX(mark.ts, range, layout));
    const slot = `${lane}:${mark.op}:${mark.ok}`;
    if (lastX.get(slot) === x) continue;
    lastX.set(slot, x);
    marks.push({ type: 'mark', mark, lane, x, y: top(lane) + h - markH, h: markH });
  }
  return [...waits, ...holds, ...marks];
}

/** The item under (x, y), topmost first (ticks get 2 px of slack, boxes half a pixel). */
export function hitTestActors(items: readonly ActorItem[], x: number, y: number): ActorItem | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type === 'mark') {
      if (Math.abs(x - item.x) <= 2 && y >= item.y - 2 && y <= item.y + item.h) return item;
    } else if (x >= item.x - 0.5 && x <= item.x + item.w + 0.5 && y >= item.y && y <= item.y + item.h) {
      return item;
    }
  }
  return null;
}

/**
 * The range to show when the user has not zoomed. While live: from the first activity to now.
 * Once ended: the span of the operations on primitives (locks, queues, pipes, values) with a
 * little air, so they are not squeezed against process start-up and shutdown around them
 * (zoom out to see those), else of all activity. Null before any activity.
 */
export function fitActivityRange(activity: ActivityState, nowUs: number, live: boolean): TimeRange | null {
  const { minTs, maxTs } = activity;
  if (minTs === null || maxTs === null) return null;
  if (live) {
    const span = Math.max(1000, Math.max(nowUs, maxTs) - minTs);
    return { startUs: minTs, endUs: minTs + span * 1.03 };
  }
  const from = activity.opMinTs ?? minTs;
  const to = activity.opMaxTs ?? maxTs;
  const span = Math.max(100, to - from);
  return { startUs: from - span * 0.05, endUs: to + span * 0.05 };
}
