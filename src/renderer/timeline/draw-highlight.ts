/** Paints the session's highlighted range on a timeline canvas (geometry from highlight.ts). */
import type { TimelineColors } from './draw-timeline';
import { labelBox, type HighlightBand } from './highlight';
import type { Layout } from './lanes';

/**
 * Paints the translucent band over every lane (and the axis), its edges, and (when it has one)
 * its label in a pill at the top, in the axis strip, so the lanes under it stay readable. Call
 * last, outside any clip: the band clips itself to the plot, the label stays inside the canvas.
 */
export function drawHighlight(
  ctx: CanvasRenderingContext2D,
  band: HighlightBand,
  label: string | undefined,
  colors: TimelineColors,
  layout: Layout,
  height: number,
): void {
  const { x0, x1 } = band;
  ctx.save();
  ctx.beginPath();
  ctx.rect(layout.gutter, 0, Math.max(0, layout.width - layout.gutter), height);
  ctx.clip();
  ctx.fillStyle = colors.accent;
  ctx.globalAlpha = 0.16;
  ctx.fillRect(x0, 0, x1 - x0, height);
  ctx.globalAlpha = 0.9;
  ctx.fillRect(x0, 0, 1, height);
  ctx.fillRect(x1 - 1, 0, 1, height);
  ctx.restore();
  if (!label) return;

  ctx.save();
  ctx.font = `600 11px ${colors.fontSans}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const box = labelBox(band, ctx.measureText(label).width, layout);
  ctx.fillStyle = colors.accent;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, 4);
  ctx.fill();
  // The surface colour on the accent reads in both themes (dark on light blue, white on blue).
  ctx.fillStyle = colors.background;
  ctx.fillText(label, box.x + 6, box.y + box.h / 2 + 0.5);
  ctx.restore();
}
