/**
 * Paints the actor timeline: one lane per process or thread, lock waits hatched and light,
 * holds solid, both in the lock's colour; queue, pipe and value operations as ticks. Geometry
 * comes from actor-lanes.ts; colours from the theme (draw-timeline.ts's readColors).
 */
import type { ActorRecord } from '../state/activity-types';
import type { HighlightRange } from '../state/app-state';
import { actorLabel, lockColorSlot } from './activity-details';
import type { ActorItem, MarkItem, SpanItem } from './actor-lanes';
import { drawFrame, strokeHover, strokeLifeline } from './draw-frame';
import type { TimelineColors } from './draw-timeline';
import { timeToX, type Layout, type TimeRange } from './lanes';

/** Everything one paint needs. */
export interface ActorDrawInput {
  lanes: readonly ActorRecord[];
  items: readonly ActorItem[];
  range: TimeRange;
  layout: Layout;
  height: number;
  colors: TimelineColors;
  hovered: ActorItem | null;
  /** Axis labels count from here (the session's time zero). */
  originUs: number;
  /** "Now" line while the session runs; null otherwise. */
  nowUs: number | null;
  live: boolean;
  /** The session's highlighted range (an insight's evidence), drawn as a band; null for none. */
  highlight?: HighlightRange | null;
}

const hatches = new Map<string, CanvasPattern | null>();

/** Diagonal stripes in `color` on a transparent tile, made once per colour. */
function hatch(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | null {
  if (hatches.has(color)) return hatches.get(color)!;
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const t = tile.getContext('2d');
  let pattern: CanvasPattern | null = null;
  if (t) {
    t.strokeStyle = color;
    t.lineWidth = 1.5;
    t.beginPath();
    t.moveTo(-1, 7);
    t.lineTo(7, -1);
    t.moveTo(-1, 1);
    t.lineTo(1, -1);
    t.moveTo(5, 7);
    t.lineTo(7, 5);
    t.stroke();
    pattern = ctx.createPattern(tile, 'repeat');
  }
  hatches.set(color, pattern);
  return pattern;
}

function lockColor(item: SpanItem, colors: TimelineColors): string {
  return colors.palette[lockColorSlot(item.span.name)] ?? colors.ok;
}

function drawSpan(ctx: CanvasRenderingContext2D, item: SpanItem, input: ActorDrawInput): void {
  const { colors } = input;
  const color = lockColor(item, colors);
  const { x, y, w, h, span } = item;
  if (span.phase === 'wait') {
    ctx.globalAlpha = 0.22;
    ctx.fillStyle = color;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 0.9;
    ctx.fillStyle = hatch(ctx, color) ?? color;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 1;
    // A wait that gave up ends in a red cap.
    if (!item.open && span.outcome !== 'acquired' && span.outcome !== 'abandoned') {
      ctx.fillStyle = colors.error;
      ctx.fillRect(x + w - 2, y, 2, h);
    }
    return;
  }
  ctx.globalAlpha = item.open && !input.live ? 0.5 : 1;
  ctx.fillStyle = color;
  ctx.fillRect(x, y, w > 3 ? w - 1 : w, h);
  ctx.globalAlpha = 1;
  // Abandoned (taken from a dead holder): red start cap; forced release (holder died): red end cap.
  ctx.fillStyle = colors.error;
  if (span.outcome === 'abandoned') ctx.fillRect(x, y, 2, h);
  if (!item.open && 'forced' in span && span.forced) ctx.fillRect(x + w - 2, y, 2, h);
  if (item.open && input.live) {
    ctx.fillStyle = colors.running;
    ctx.fillRect(x + w - 2, y, 2, h);
  }
  if (w > 50) {
    ctx.fillStyle = colors.barText;
    ctx.fillText(span.name, x + 5, y + h / 2 + 0.5, w - 10);
  }
}

function markColor(item: MarkItem, colors: TimelineColors): string {
  if (!item.mark.ok) return colors.error;
  switch (item.mark.op) {
    case 'put':
    case 'send':
    case 'set':
      return colors.now;
    case 'get':
    case 'recv':
      return colors.ok;
    case 'write':
      return colors.running;
    default:
      return colors.textMuted;
  }
}

/** Each actor's life as a thin line from start (or first event) to exit. */
function drawLifelines(ctx: CanvasRenderingContext2D, input: ActorDrawInput): void {
  const { lanes, range, layout, colors } = input;
  lanes.forEach((actor, i) => {
    const from = actor.startTs ?? actor.firstTs;
    const x0 = Math.max(layout.gutter, timeToX(from, range, layout));
    const x1 =
      actor.exitTs === null ? layout.width : Math.min(layout.width, timeToX(actor.exitTs, range, layout));
    if (x1 < x0) return;
    const color = actor.exitCode !== null && actor.exitCode !== 0 ? colors.error : colors.textMuted;
    strokeLifeline(ctx, { lane: i, x0, x1, color, startCap: false, endCap: actor.exitTs !== null }, layout);
  });
}

/** Lifelines, boxes and ticks, and the hovered one's outline. */
function drawItems(ctx: CanvasRenderingContext2D, input: ActorDrawInput): void {
  const { items, colors, hovered } = input;
  drawLifelines(ctx, input);
  ctx.font = `11px ${colors.fontSans}`;
  for (const item of items) {
    if (item.type === 'span') drawSpan(ctx, item, input);
    else {
      ctx.fillStyle = markColor(item, colors);
      ctx.fillRect(item.x - 0.5, item.y, 1.5, item.h);
    }
  }
  if (hovered?.type === 'span')
    strokeHover(ctx, colors, hovered.x - 1, hovered.y - 1, hovered.w + 2, hovered.h + 2);
  else if (hovered) strokeHover(ctx, colors, hovered.x - 2, hovered.y - 1, 4, hovered.h + 2);
}

/** Paints one frame. `ctx` must already be scaled for devicePixelRatio (CSS px units). */
export function drawActors(ctx: CanvasRenderingContext2D, input: ActorDrawInput): void {
  const labels = input.lanes.map((actor) => ({ ...actorLabel(actor), dim: actor.exitTs !== null }));
  drawFrame(ctx, { ...input, labels, labelStyle: 'stacked' }, () => drawItems(ctx, input));
}
