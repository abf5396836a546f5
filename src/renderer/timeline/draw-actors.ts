/**
 * Paints the actor timeline: one lane per process or thread, lock waits hatched and light,
 * holds solid, both in the lock's colour; queue, pipe and value operations as ticks. Geometry
 * comes from actor-lanes.ts; colours from the theme (draw-timeline.ts's readColors).
 */
import type { ActorRecord } from '../state/activity-types';
import type { HighlightRange } from '../state/app-state';
import { actorLabel, lockColorSlot } from './activity-details';
import type { ActorItem, MarkItem, SpanItem } from './actor-lanes';
import type { TimelineColors } from './draw-timeline';
import { drawHighlight } from './draw-highlight';
import { highlightBand } from './highlight';
import { timeToX, type Layout, type TimeRange } from './lanes';
import { formatTick, niceTicks } from './time-axis';

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

function drawAxis(ctx: CanvasRenderingContext2D, input: ActorDrawInput): void {
  const { range, layout, height, colors, originUs } = input;
  const { width, gutter, axis } = layout;
  const plotWidth = width - gutter;
  const ticks = niceTicks(
    range.startUs - originUs,
    range.endUs - originUs,
    Math.max(2, Math.floor(plotWidth / 110)),
  );
  ctx.font = `11px ${colors.fontMono}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const value of ticks.values) {
    const x = Math.round(timeToX(value + originUs, range, layout)) + 0.5;
    if (x < gutter) continue;
    ctx.strokeStyle = colors.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, axis - 6);
    ctx.lineTo(x, height);
    ctx.stroke();
    const label = formatTick(value, ticks.stepUs);
    if (x + 4 + ctx.measureText(label).width > width - 2) continue;
    ctx.fillStyle = colors.textMuted;
    ctx.fillText(label, x + 4, axis / 2);
  }
  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(0, axis - 0.5);
  ctx.lineTo(width, axis - 0.5);
  ctx.stroke();
}

/** Each actor's life as a thin line from start (or first event) to exit. */
function drawLifelines(ctx: CanvasRenderingContext2D, input: ActorDrawInput): void {
  const { lanes, range, layout, colors } = input;
  lanes.forEach((actor, i) => {
    const mid = Math.round(layout.axis + i * layout.laneHeight + layout.laneHeight / 2) + 0.5;
    const from = actor.startTs ?? actor.firstTs;
    const x0 = Math.max(layout.gutter, timeToX(from, range, layout));
    const x1 =
      actor.exitTs === null ? layout.width : Math.min(layout.width, timeToX(actor.exitTs, range, layout));
    if (x1 < x0) return;
    ctx.strokeStyle = actor.exitCode !== null && actor.exitCode !== 0 ? colors.error : colors.textMuted;
    ctx.globalAlpha = 0.45;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x0, mid);
    ctx.lineTo(x1, mid);
    if (actor.exitTs !== null) {
      ctx.moveTo(x1 - 0.5, mid - 6);
      ctx.lineTo(x1 - 0.5, mid + 6);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  });
}

/** Paints one frame. `ctx` must already be scaled for devicePixelRatio (CSS px units). */
export function drawActors(ctx: CanvasRenderingContext2D, input: ActorDrawInput): void {
  const { lanes, items, layout, height, colors } = input;
  const { width, gutter, axis, laneHeight } = layout;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);
  lanes.forEach((_, i) => {
    if (i % 2 === 1) {
      ctx.fillStyle = colors.laneAlt;
      ctx.fillRect(0, axis + i * laneHeight, width, laneHeight);
    }
  });
  drawAxis(ctx, input);

  ctx.save();
  ctx.beginPath();
  ctx.rect(gutter, axis, width - gutter, height - axis);
  ctx.clip();
  drawLifelines(ctx, input);
  ctx.font = `11px ${colors.fontSans}`;
  for (const item of items) {
    if (item.type === 'span') drawSpan(ctx, item, input);
    else {
      ctx.fillStyle = markColor(item, colors);
      ctx.fillRect(item.x - 0.5, item.y, 1.5, item.h);
    }
  }
  const hovered = input.hovered;
  if (hovered) {
    ctx.strokeStyle = colors.hover;
    ctx.lineWidth = 2;
    if (hovered.type === 'span') ctx.strokeRect(hovered.x - 1, hovered.y - 1, hovered.w + 2, hovered.h + 2);
    else ctx.strokeRect(hovered.x - 2, hovered.y - 1, 4, hovered.h + 2);
  }
  if (input.nowUs !== null) {
    const x = Math.round(timeToX(input.nowUs, input.range, layout)) + 0.5;
    ctx.strokeStyle = colors.now;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, axis);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.restore();

  ctx.fillStyle = colors.background;
  ctx.fillRect(0, axis, gutter, height - axis);
  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(gutter - 0.5, 0);
  ctx.lineTo(gutter - 0.5, height);
  ctx.stroke();
  lanes.forEach((actor, i) => {
    const mid = axis + i * laneHeight + laneHeight / 2;
    const { name, detail } = actorLabel(actor);
    ctx.fillStyle = actor.exitTs !== null ? colors.textMuted : colors.text;
    ctx.font = `600 12px ${colors.fontSans}`;
    ctx.fillText(name, 12, mid - 6, gutter - 20);
    ctx.fillStyle = colors.textMuted;
    ctx.font = `10.5px ${colors.fontMono}`;
    ctx.fillText(detail, 12, mid + 7, gutter - 20);
  });

  // Last, so the band lies over every lane and its label over the axis.
  const band = input.highlight ? highlightBand(input.highlight, input.range, layout) : null;
  if (band) drawHighlight(ctx, band, input.highlight?.label, colors, layout, height);
}
