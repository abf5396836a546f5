/** Paints the task timeline onto a canvas (the geometry comes from `lanes.ts`). */
import type { HighlightRange } from '../state/app-state';
import { drawHighlight } from './draw-highlight';
import { highlightBand } from './highlight';
import { niceTicks, formatTick } from './time-axis';
import { colorSlot, laneLabel, PALETTE_SIZE } from './task-details';
import { timeToX, type Bar, type Lane, type Layout, type TimeRange } from './lanes';

/** Colours, read from the theme's CSS variables. */
export interface TimelineColors {
  background: string;
  laneAlt: string;
  grid: string;
  border: string;
  text: string;
  textMuted: string;
  now: string;
  /** The highlighted range's band and label. */
  accent: string;
  ok: string;
  error: string;
  running: string;
  hover: string;
  barText: string;
  palette: string[];
  fontSans: string;
  fontMono: string;
}

/** How bars are coloured. */
export type ColorMode = 'name' | 'status';

/** Everything one paint needs. */
export interface DrawInput {
  lanes: readonly Lane[];
  bars: readonly Bar[];
  range: TimeRange;
  layout: Layout;
  height: number;
  colors: TimelineColors;
  colorMode: ColorMode;
  hoveredTaskId: string | null;
  /** Axis labels count from here (the session's first event); null draws no ticks (no run yet). */
  originUs: number | null;
  /** Where "now" is, drawn as a line while the session runs; null otherwise. */
  nowUs: number | null;
  /** False once the session ended: unfinished bars were cut off, not running. */
  live: boolean;
  /** The session's highlighted range (an insight's evidence), drawn as a band; null for none. */
  highlight?: HighlightRange | null;
}

/** Reads the palette and fonts from CSS custom properties on `el`. */
export function readColors(el: Element): TimelineColors {
  const css = getComputedStyle(el);
  const v = (name: string): string => css.getPropertyValue(name).trim();
  return {
    background: v('--surface'),
    laneAlt: v('--surface-alt'),
    grid: v('--grid'),
    border: v('--border'),
    text: v('--text'),
    textMuted: v('--text-muted'),
    now: v('--accent'),
    accent: v('--accent'),
    ok: v('--ok'),
    error: v('--bad'),
    running: v('--warn'),
    hover: v('--text'),
    barText: v('--bar-text'),
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => v(`--series-${i}`)),
    fontSans: v('--font-sans'),
    fontMono: v('--font-mono'),
  };
}

function barFill(bar: Bar, input: DrawInput): string {
  const { colors } = input;
  if (bar.task.ok === false) return colors.error;
  if (input.colorMode === 'status')
    return bar.open ? (input.live ? colors.running : colors.textMuted) : colors.ok;
  return colors.palette[colorSlot(bar.task.name)] ?? colors.ok;
}

/** Paints one frame. `ctx` must already be scaled for devicePixelRatio (CSS px units). */
export function drawTimeline(ctx: CanvasRenderingContext2D, input: DrawInput): void {
  const { lanes, bars, range, layout, height, colors } = input;
  const { width, gutter, axis, laneHeight } = layout;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);

  // Lane stripes, so a bar's lane is obvious even far from its label.
  lanes.forEach((_, i) => {
    if (i % 2 === 1) {
      ctx.fillStyle = colors.laneAlt;
      ctx.fillRect(0, axis + i * laneHeight, width, laneHeight);
    }
  });

  // Grid and tick labels.
  const plotWidth = width - gutter;
  const origin = input.originUs ?? 0;
  const ticks =
    input.originUs === null
      ? { stepUs: 0, values: [] }
      : niceTicks(range.startUs - origin, range.endUs - origin, Math.max(2, Math.floor(plotWidth / 110)));
  ctx.font = `11px ${colors.fontMono}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const value of ticks.values) {
    const x = Math.round(timeToX(value + origin, range, layout)) + 0.5;
    if (x < gutter) continue;
    ctx.strokeStyle = colors.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, axis - 6);
    ctx.lineTo(x, height);
    ctx.stroke();
    const label = formatTick(value, ticks.stepUs);
    // A label that would run off the right edge is dropped rather than cut.
    if (x + 4 + ctx.measureText(label).width > width - 2) continue;
    ctx.fillStyle = colors.textMuted;
    ctx.fillText(label, x + 4, axis / 2);
  }
  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(0, axis - 0.5);
  ctx.lineTo(width, axis - 0.5);
  ctx.stroke();

  // Bars, clipped to the plot so a zoomed-in bar never covers the labels.
  ctx.save();
  ctx.beginPath();
  ctx.rect(gutter, axis, plotWidth, height - axis);
  ctx.clip();
  drawLifelines(ctx, input);
  ctx.font = `11px ${colors.fontSans}`;
  let hovered: Bar | null = null;
  for (const bar of bars) {
    ctx.fillStyle = barFill(bar, input);
    ctx.globalAlpha = bar.open ? (input.live ? 0.7 : 0.4) : 1;
    // Back-to-back tasks on one lane get a 1 px gap, so each task reads as its own bar.
    ctx.fillRect(bar.x, bar.y, bar.w > 3 ? bar.w - 1 : bar.w, bar.h);
    ctx.globalAlpha = 1;
    if (bar.open && input.live) {
      // A bright leading edge marks a task still running.
      ctx.fillStyle = colors.running;
      ctx.fillRect(bar.x + bar.w - 2, bar.y, 2, bar.h);
    }
    if (bar.w > 44) {
      const label = bar.task.args
        ? `${bar.task.name ?? ''}(${bar.task.args})`
        : (bar.task.name ?? bar.task.taskId);
      const fitted = fitText(ctx, label, bar.w - 10);
      // A stub like "sq…" is noise: label a bar fully or with a useful prefix, else not at all.
      if (fitted === label || fitted.length >= 7) {
        ctx.fillStyle = colors.barText;
        ctx.fillText(fitted, bar.x + 5, bar.y + bar.h / 2 + 0.5);
      }
    }
    if (bar.task.taskId === input.hoveredTaskId) hovered = bar;
  }
  if (hovered) {
    ctx.strokeStyle = colors.hover;
    ctx.lineWidth = 2;
    ctx.strokeRect(hovered.x - 1, hovered.y - 1, hovered.w + 2, hovered.h + 2);
  }
  if (input.nowUs !== null) {
    const x = Math.round(timeToX(input.nowUs, range, layout)) + 0.5;
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

  // Lane labels over an opaque gutter.
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, axis, gutter, height - axis);
  ctx.strokeStyle = colors.border;
  ctx.beginPath();
  ctx.moveTo(gutter - 0.5, 0);
  ctx.lineTo(gutter - 0.5, height);
  ctx.stroke();
  lanes.forEach((lane, i) => {
    const mid = axis + i * laneHeight + laneHeight / 2;
    const { name, detail, exited } = laneLabel(lane.worker);
    ctx.fillStyle = exited ? colors.textMuted : colors.text;
    ctx.font = `600 12px ${colors.fontSans}`;
    ctx.fillText(name, 12, mid);
    ctx.fillStyle = colors.textMuted;
    ctx.font = `11px ${colors.fontMono}`;
    ctx.fillText(fitText(ctx, detail, gutter - 48), 42, mid);
  });

  // Last, so the band lies over every lane and its label over the axis.
  const band = input.highlight ? highlightBand(input.highlight, range, layout) : null;
  if (band) drawHighlight(ctx, band, input.highlight?.label, colors, layout, height);
}

/**
 * Each worker's life as a thin line through its lane, from spawn to exit (or to the end of
 * the view while alive), with a cap at the exit: gaps between bars on it are idle time.
 */
function drawLifelines(ctx: CanvasRenderingContext2D, input: DrawInput): void {
  const { lanes, range, layout, colors } = input;
  lanes.forEach((lane, i) => {
    const { spawnTs, exitTs } = lane.worker;
    if (spawnTs === null && exitTs === null) return;
    const mid = Math.round(layout.axis + i * layout.laneHeight + layout.laneHeight / 2) + 0.5;
    const x0 = spawnTs === null ? layout.gutter : Math.max(layout.gutter, timeToX(spawnTs, range, layout));
    const x1 = exitTs === null ? layout.width : Math.min(layout.width, timeToX(exitTs, range, layout));
    if (x1 < x0) return;
    ctx.strokeStyle = colors.textMuted;
    ctx.globalAlpha = 0.45;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x0, mid);
    ctx.lineTo(x1, mid);
    if (spawnTs !== null) {
      ctx.moveTo(x0 + 0.5, mid - 4);
      ctx.lineTo(x0 + 0.5, mid + 4);
    }
    if (exitTs !== null) {
      ctx.moveTo(x1 - 0.5, mid - 6);
      ctx.lineTo(x1 - 0.5, mid + 6);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  });
}

/** `text`, cut with an ellipsis to fit `maxWidth` px in the current font. */
function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
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
