/** Paints the task timeline onto a canvas (the geometry comes from `lanes.ts`). */
import type { HighlightRange } from '../state/app-state';
import { drawFrame, fitText, strokeHover, strokeLifeline } from './draw-frame';
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
  const labels = input.lanes.map((lane) => {
    const { name, detail, exited } = laneLabel(lane.worker);
    return { name, detail, dim: exited };
  });
  drawFrame(ctx, { ...input, labels, labelStyle: 'inline' }, () => drawBars(ctx, input));
}

/** Lifelines, bars with their labels, and the hovered bar's outline. */
function drawBars(ctx: CanvasRenderingContext2D, input: DrawInput): void {
  const { bars, colors } = input;
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
  if (hovered) strokeHover(ctx, colors, hovered.x - 1, hovered.y - 1, hovered.w + 2, hovered.h + 2);
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
    const x0 = spawnTs === null ? layout.gutter : Math.max(layout.gutter, timeToX(spawnTs, range, layout));
    const x1 = exitTs === null ? layout.width : Math.min(layout.width, timeToX(exitTs, range, layout));
    if (x1 < x0) return;
    const line = {
      lane: i,
      x0,
      x1,
      color: colors.textMuted,
      startCap: spawnTs !== null,
      endCap: exitTs !== null,
    };
    strokeLifeline(ctx, line, layout);
  });
}
