/** Tick placement and labels for a time axis in microseconds (1-2-5 steps, like Perfetto). */
import { timeToX, type Layout, type TimeRange } from './lanes';

/** Ticks for one axis: the step and the tick positions (µs, relative to the axis origin). */
export interface Ticks {
  stepUs: number;
  values: number[];
}

/**
 * Picks a 1/2/5×10ⁿ µs step giving at most `maxTicks` ticks over [startUs, endUs], and
 * returns every multiple of it in that range. An empty or inverted range gives no ticks.
 */
export function niceTicks(startUs: number, endUs: number, maxTicks: number): Ticks {
  const span = endUs - startUs;
  if (!(span > 0) || !Number.isFinite(span) || maxTicks < 1) return { stepUs: 0, values: [] };
  const raw = span / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let stepUs = 10 * magnitude;
  for (const m of [1, 2, 5]) {
    if (m * magnitude >= raw) {
      stepUs = m * magnitude;
      break;
    }
  }
  // Sub-microsecond steps are meaningless for µs timestamps.
  stepUs = Math.max(1, stepUs);
  const values: number[] = [];
  for (let v = Math.ceil(startUs / stepUs) * stepUs; v <= endUs; v += stepUs) values.push(v);
  return { stepUs, values };
}

/** One tick of a timeline's axis as drawn. */
export interface AxisTick {
  /** CSS px, on the pixel grid (a 1 px line there is sharp). */
  x: number;
  /** Null where the label would run off the right edge: dropped rather than cut. */
  label: string | null;
}

/**
 * The ticks of a timeline's axis over `range`: about one per 110 px of plot, labelled from
 * `originUs` (the session's time zero), none left of the gutter, none at all before a run
 * (`originUs` null). `textWidth` measures a label in the axis font.
 */
export function axisTicks(
  range: TimeRange,
  layout: Layout,
  originUs: number | null,
  textWidth: (text: string) => number,
): AxisTick[] {
  if (originUs === null) return [];
  const { width, gutter } = layout;
  const maxTicks = Math.max(2, Math.floor((width - gutter) / 110));
  const ticks = niceTicks(range.startUs - originUs, range.endUs - originUs, maxTicks);
  const out: AxisTick[] = [];
  for (const value of ticks.values) {
    const x = Math.round(timeToX(value + originUs, range, layout)) + 0.5;
    if (x < gutter) continue;
    const label = formatTick(value, ticks.stepUs);
    out.push({ x, label: x + 4 + textWidth(label) > width - 2 ? null : label });
  }
  return out;
}

/**
 * Formats an offset in µs for a tick, with the unit that suits the step: "250 µs",
 * "1.5 ms", "0.2 s". Decimals are only as many as the step needs, so ticks never read
 * "1.500 s, 2.000 s".
 */
export function formatTick(valueUs: number, stepUs: number): string {
  const abs = Math.max(Math.abs(stepUs), 1);
  // Switch unit a decade early, so a 1.2 s run reads "0.2 s … 1.2 s", not "200 ms … 1200 ms".
  if (abs < 100) return `${trim(valueUs, 0)} µs`;
  if (abs < 100_000) return `${trim(valueUs / 1000, decimals(abs / 1000))} ms`;
  return `${trim(valueUs / 1_000_000, decimals(abs / 1_000_000))} s`;
}

/** Formats a duration in µs for people: "850 µs", "12.3 ms", "1.25 s". */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '—';
  const abs = Math.abs(us);
  if (abs < 1000) return `${Math.round(us)} µs`;
  if (abs < 1_000_000) return `${(us / 1000).toFixed(abs < 10_000 ? 2 : 1)} ms`;
  return `${(us / 1_000_000).toFixed(abs < 10_000_000 ? 2 : 1)} s`;
}

/** Fewest decimals that show `step` exactly (0.25 → 2, 1.5 → 1, 2 → 0), at most 6. */
function decimals(step: number): number {
  for (let places = 0; places < 6; places++) {
    const scaled = step * 10 ** places;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return places;
  }
  return 6;
}

function trim(value: number, places: number): string {
  // The origin reads "0 s", not "0.0 s".
  if (Math.abs(value) < 10 ** -(places + 1)) return '0';
  return value.toFixed(places);
}
