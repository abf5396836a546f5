/**
 * The session's highlighted range (an insight's evidence, chosen with "Show on timeline") on
 * both timelines: which view range shows it, where its band and label fall in pixels. Pure
 * (no DOM), so the two canvases agree and it is testable; draw-highlight.ts paints it.
 */
import type { HighlightRange } from '../state/app-state';
import { timeToX, type Layout, type TimeRange } from './lanes';

/** A band narrower than this share of the visible range is zoomed to. */
export const HIGHLIGHT_MIN_SHARE = 0.05;
/** Air on each side of a band fitted into view, as a share of the band's span. */
export const HIGHLIGHT_MARGIN = 0.25;
/** Narrowest range a short band is fitted into (µs), so a 3 µs band is not blown up to fill the plot. */
export const HIGHLIGHT_MIN_SPAN_US = 100;
/** A band is drawn at least this wide (CSS px), so an instant stays visible. */
const MIN_BAND_PX = 2;

/**
 * The range to show for `highlight`, given the visible range `view`; null when `view` already
 * shows it well (fully inside and not much smaller than the view), so the user's zoom stays.
 * A range band is fitted with {@link HIGHLIGHT_MARGIN} on each side; an instant (zero span)
 * is never zoomed to, only centred in a view of the same span when it is out of sight.
 */
export function highlightRange(view: TimeRange, highlight: HighlightRange): TimeRange | null {
  const from = Math.min(highlight.fromTs, highlight.toTs);
  const to = Math.max(highlight.fromTs, highlight.toTs);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  const viewSpan = view.endUs - view.startUs;
  const span = to - from;
  const inside = from >= view.startUs && to <= view.endUs;
  if (span < 1) {
    if (inside) return null;
    const half = Math.max(viewSpan, HIGHLIGHT_MIN_SPAN_US) / 2;
    return { startUs: from - half, endUs: from + half };
  }
  // A view already as narrow as a fit would make (give or take rounding) is left as it is.
  const narrowest = viewSpan <= HIGHLIGHT_MIN_SPAN_US * 1.001;
  if (inside && (span >= viewSpan * HIGHLIGHT_MIN_SHARE || narrowest)) return null;
  const pad = Math.max(span * HIGHLIGHT_MARGIN, (HIGHLIGHT_MIN_SPAN_US - span) / 2);
  return { startUs: from - pad, endUs: to + pad };
}

/** A band's horizontal extent on the canvas (CSS px), clipped to the plot. */
export interface HighlightBand {
  x0: number;
  x1: number;
}

/**
 * Where `highlight` falls in the plot at `range`, at least {@link MIN_BAND_PX} wide; null when
 * it lies wholly outside the visible range (nothing to draw).
 */
export function highlightBand(
  highlight: HighlightRange,
  range: TimeRange,
  layout: Layout,
): HighlightBand | null {
  const from = Math.min(highlight.fromTs, highlight.toTs);
  const to = Math.max(highlight.fromTs, highlight.toTs);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < range.startUs || from > range.endUs) return null;
  const left = layout.gutter;
  const right = Math.max(left, layout.width);
  let x0 = Math.max(left, timeToX(from, range, layout));
  let x1 = Math.min(right, timeToX(to, range, layout));
  if (x1 - x0 < MIN_BAND_PX) {
    const mid = (x0 + x1) / 2;
    x0 = Math.max(left, mid - MIN_BAND_PX / 2);
    x1 = Math.min(right, x0 + MIN_BAND_PX);
    x0 = Math.max(left, x1 - MIN_BAND_PX);
  }
  return { x0, x1 };
}

/** The canvas's `data-highlight` value for `highlight`: `<fromTs>-<toTs>` (trace clock, µs). */
export function highlightAttr(highlight: HighlightRange): string {
  return `${Math.min(highlight.fromTs, highlight.toTs)}-${Math.max(highlight.fromTs, highlight.toTs)}`;
}

/** A box on the canvas (CSS px). */
export interface LabelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the band's label pill goes: centred in the axis strip at the top, starting at the
 * band's left edge, slid left rather than run off the canvas, never over the lane labels.
 * `textWidth` is the label's measured width (px).
 */
export function labelBox(band: HighlightBand, textWidth: number, layout: Layout): LabelBox {
  const h = Math.min(18, Math.max(12, layout.axis - 8));
  const w = Math.ceil(textWidth) + 12;
  const x = Math.max(layout.gutter + 2, Math.min(band.x0 + 1, layout.width - w - 2));
  return { x, y: Math.max(1, (layout.axis - h) / 2), w, h };
}
