/**
 * What both timeline canvases (tasks by worker; processes and threads) paint the same way
 * around their own lanes: background with alternate lane stripes, the time axis with its grid,
 * the "now" line, the opaque label gutter and the highlighted range. Each painter supplies only
 * what is in its lanes and its labels (draw-timeline.ts, draw-actors.ts).
 */
import type { HighlightRange } from '../state/app-state';
import { drawHighlight } from './draw-highlight';
import type { TimelineColors } from './draw-timeline';
import { highlightBand } from './highlight';
import { timeToX, type Layout, type TimeRange } from './lanes';
import { axisTicks } from './time-axis';

/** A lane's label in the gutter: its name, and a detail line; `dim` once its worker or actor ended. */
export interface LaneLabel {
  name: string;
  detail: string;
  dim: boolean;
}

/** What the frame around the lanes needs. */
export interface FrameInput {
  /** One per lane, top to bottom. */
  labels: readonly LaneLabel[];
  /** `inline`: detail after the name, cut to fit (task lanes); `stacked`: detail below it (actor lanes). */
  labelStyle: 'inline' | 'stacked';
  range: TimeRange;
  layout: Layout;
  height: number;
  colors: TimelineColors;
  /** Axis labels count from here; null draws no ticks (no run yet). */
  originUs: number | null;
  /** Where "now" is, drawn as a dashed line while the session runs; null otherwise. */
  nowUs: number | null;
  /** The session's highlighted range (an insight's evidence), drawn as a band; null for none. */
  highlight?: HighlightRange | null;
}

/**
 * Paints one frame around what `plot` paints on the lanes (clipped to the plot, so a zoomed-in
 * box never covers the labels). `ctx` must already be scaled for devicePixelRatio (CSS px units).
 */
export function drawFrame(ctx: CanvasRenderingContext2D, input: FrameInput, plot: () => void): void {
  const { range, layout, height, colors } = input;
  const laneCount = input.labels.length;
  const { width, gutter, axis, laneHeight } = layout;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);
  // Lane stripes, so a box's lane is obvious even far from its label.
  for (let i = 1; i < laneCount; i += 2) {
    ctx.fillStyle = colors.laneAlt;
    ctx.fillRect(0, axis + i * laneHeight, width, laneHeight);
  }
  drawTimeAxis(ctx, input);

  ctx.save();
  ctx.beginPath();
  ctx.rect(gutter, axis, width - gutter, height - axis);
  ctx.clip();
  plot();
  if (input.nowUs !== null) drawNowLine(ctx, input.nowUs, input);
  ctx.restore();

  ctx.fillStyle = colors.background;
  ctx.fillRect(0, axis, gutter, height - axis);
  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(gutter - 0.5, 0);
  ctx.lineTo(gutter - 0.5, height);
  ctx.stroke();
  drawLabels(ctx, input);

  // Last, so the band lies over every lane and its label over the axis.
  const band = input.highlight ? highlightBand(input.highlight, range, layout) : null;
  if (band) drawHighlight(ctx, band, input.highlight?.label, colors, layout, height);
}

function drawLabels(ctx: CanvasRenderingContext2D, input: FrameInput): void {
  const { colors, layout } = input;
  const { axis, laneHeight, gutter } = layout;
  const stacked = input.labelStyle === 'stacked';
  input.labels.forEach(({ name, detail, dim }, i) => {
    const mid = axis + i * laneHeight + laneHeight / 2;
    ctx.fillStyle = dim ? colors.textMuted : colors.text;
    ctx.font = `600 12px ${colors.fontSans}`;
    if (stacked) ctx.fillText(name, 12, mid - 6, gutter - 20);
    else ctx.fillText(name, 12, mid);
    ctx.fillStyle = colors.textMuted;
    ctx.font = `${stacked ? 10.5 : 11}px ${colors.fontMono}`;
    if (stacked) ctx.fillText(detail, 12, mid + 7, gutter - 20);
    else ctx.fillText(fitText(ctx, detail, gutter - 48), 42, mid);
  });
}

/** `text`, cut with an ellipsis to fit `maxWidth` px in the current font. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (maxWidth <= 0) return '';
  if (ctx.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${text.slice(0, lo)}…`;
}

/**
 * The time axis: a grid line and a label per tick (see `axisTicks`), and the axis's bottom
 * border. Leaves the mono 11 px font, middle baseline and left alignment set.
 */
function drawTimeAxis(ctx: CanvasRenderingContext2D, input: FrameInput): void {
  const { range, layout, height, colors } = input;
  const { width, axis } = layout;
  ctx.font = `11px ${colors.fontMono}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const ticks = axisTicks(range, layout, input.originUs, (text) => ctx.measureText(text).width);
  for (const { x, label } of ticks) {
    ctx.strokeStyle = colors.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, axis - 6);
    ctx.lineTo(x, height);
    ctx.stroke();
    if (label === null) continue;
    ctx.fillStyle = colors.textMuted;
    ctx.fillText(label, x + 4, axis / 2);
  }
  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(0, axis - 0.5);
  ctx.lineTo(width, axis - 0.5);
  ctx.stroke();
}

function drawNowLine(ctx: CanvasRenderingContext2D, nowUs: number, input: FrameInput): void {
  const { range, layout, height, colors } = input;
  const x = Math.round(timeToX(nowUs, range, layout)) + 0.5;
  ctx.strokeStyle = colors.now;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, layout.axis);
  ctx.lineTo(x, height);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A lane's life line through its middle, from `x0` to `x1`, with a short start and a longer end cap. */
export interface Lifeline {
  lane: number;
  x0: number;
  x1: number;
  color: string;
  startCap: boolean;
  endCap: boolean;
}

/** Strokes a lifeline (translucent, 1 px): the gaps between boxes on it are idle time. */
export function strokeLifeline(ctx: CanvasRenderingContext2D, line: Lifeline, layout: Layout): void {
  const { x0, x1 } = line;
  const mid = Math.round(layout.axis + line.lane * layout.laneHeight + layout.laneHeight / 2) + 0.5;
  ctx.strokeStyle = line.color;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x0, mid);
  ctx.lineTo(x1, mid);
  if (line.startCap) {
    ctx.moveTo(x0 + 0.5, mid - 4);
    ctx.lineTo(x0 + 0.5, mid + 4);
  }
  if (line.endCap) {
    ctx.moveTo(x1 - 0.5, mid - 6);
    ctx.lineTo(x1 - 0.5, mid + 6);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** Outlines the hovered box (2 px, in the hover colour). */
export function strokeHover(
  ctx: CanvasRenderingContext2D,
  colors: TimelineColors,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  ctx.strokeStyle = colors.hover;
  ctx.lineWidth = 2;
  ctx.strokeRect(x, y, w, h);
}
