/**
 * A queue's depth over time, downsampled as it arrives: at most {@link MAX_DEPTH_BUCKETS}
 * buckets of equal width, each keeping the lowest, highest and last depth seen in it. When a
 * new point would need one bucket too many, the width doubles and neighbours merge, so the
 * series covers the whole run at a resolution that adapts to its length, in O(1) amortised
 * per point and bounded memory. Min and max per bucket keep every spike visible at any zoom.
 */

/** One bucket: `[index × width, (index + 1) × width)` µs after the series' origin. */
export interface DepthBucket {
  index: number;
  min: number;
  max: number;
  last: number;
}

/** The series; treat as immutable (build with {@link addDepths}). */
export interface DepthSeries {
  /** `ts` of the first point (µs), or null while empty. */
  originUs: number | null;
  /** Bucket width (µs). */
  widthUs: number;
  buckets: readonly DepthBucket[];
}

/** Most buckets a series keeps (a chart needs no more points than this). */
export const MAX_DEPTH_BUCKETS = 240;

/** Width of the first buckets: fine enough for a run of a few milliseconds. */
const INITIAL_WIDTH_US = 50;

/** A series with no points. */
export const EMPTY_DEPTH_SERIES: DepthSeries = { originUs: null, widthUs: INITIAL_WIDTH_US, buckets: [] };

/**
 * The series with `points` (`[ts µs, depth]`, in time order as a queue's owner records them)
 * added. A point earlier than the newest bucket joins the bucket it falls in, or the newest.
 */
export function addDepths(series: DepthSeries, points: readonly (readonly [number, number])[]): DepthSeries {
  if (points.length === 0) return series;
  const originUs = series.originUs ?? points[0]![0];
  let widthUs = series.widthUs;
  let buckets = series.buckets.map((b) => ({ ...b }));
  for (const [ts, depth] of points) {
    const index = Math.max(0, Math.floor((ts - originUs) / widthUs));
    const last = buckets[buckets.length - 1];
    if (last === undefined || index > last.index) {
      buckets.push({ index, min: depth, max: depth, last: depth });
      while (buckets[buckets.length - 1]!.index >= MAX_DEPTH_BUCKETS) {
        widthUs *= 2;
        buckets = halve(buckets);
      }
      continue;
    }
    const target = buckets.find((b) => b.index === index) ?? last;
    target.min = Math.min(target.min, depth);
    target.max = Math.max(target.max, depth);
    if (target === last) last.last = depth;
  }
  return { originUs, widthUs, buckets };
}

/** Buckets at twice the width: neighbours `2k` and `2k + 1` merge into `k`. */
function halve(buckets: readonly DepthBucket[]): DepthBucket[] {
  const out: DepthBucket[] = [];
  for (const b of buckets) {
    const index = b.index >> 1;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.index === index) {
      prev.min = Math.min(prev.min, b.min);
      prev.max = Math.max(prev.max, b.max);
      prev.last = b.last;
    } else out.push({ ...b, index });
  }
  return out;
}

/** One chart point: seconds since `originUs` of the chart, and the bucket's depths. */
export interface DepthPoint {
  t: number;
  min: number;
  max: number;
  last: number;
  /** `[min, max]`, for a range area. */
  band: [number, number];
}

/**
 * Chart points, one per bucket at the bucket's start, in seconds since `chartOriginUs` (the
 * session's time zero). Between buckets the depth held its last value, so a bucket that is
 * not next to the previous one first repeats that value, and the line stays a step.
 */
export function depthPoints(series: DepthSeries, chartOriginUs: number): DepthPoint[] {
  const points: DepthPoint[] = [];
  if (series.originUs === null) return points;
  const at = (index: number): number => (series.originUs! + index * series.widthUs - chartOriginUs) / 1e6;
  let prev: DepthBucket | null = null;
  for (const b of series.buckets) {
    if (prev !== null && b.index > prev.index + 1) {
      const held = prev.last;
      points.push({ t: at(prev.index + 1), min: held, max: held, last: held, band: [held, held] });
    }
    points.push({ t: at(b.index), min: b.min, max: b.max, last: b.last, band: [b.min, b.max] });
    prev = b;
  }
  return points;
}
