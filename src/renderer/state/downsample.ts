/**
 * Shrinks a column of the sample ring to a fixed number of chart points. Buckets are
 * aligned to absolute time (not to the newest sample), so a bucket's value does not wobble
 * as new samples arrive: the chart scrolls instead of shimmering.
 */
import type { SampleRing } from './sample-ring';

/** One chart point: seconds relative to the newest sample (≤ 0), mean user and system %. */
export interface LoadPoint {
  x: number;
  user: number;
  system: number;
}

/** Charts never get more points per series than this, whatever the sampling rate. */
export const MAX_CHART_POINTS = 300;

/**
 * Mean user/system of column `col` per time bucket over the `windowMs` before `nowMs`
 * (inclusive), at most `maxPoints` buckets. Each point sits at the time of its bucket's
 * newest sample, so at low rates the points are exactly the samples.
 */
export function downsampleColumn(
  ring: SampleRing,
  col: number,
  nowMs: number,
  windowMs: number,
  maxPoints: number = MAX_CHART_POINTS,
): LoadPoint[] {
  const points: LoadPoint[] = [];
  if (ring.size === 0 || maxPoints < 1) return points;
  const bucketMs = windowMs / maxPoints;
  const from = nowMs - windowMs;
  let k = firstAtOrAfter(ring, from);
  let bucket = Number.NaN;
  let n = 0;
  let userSum = 0;
  let systemSum = 0;
  let lastT = 0;
  const emit = (): void => {
    if (n > 0) points.push({ x: (lastT - nowMs) / 1000, user: userSum / n, system: systemSum / n });
  };
  for (; k < ring.size; k++) {
    const t = ring.timeAt(k);
    if (t > nowMs) break;
    const b = Math.floor(t / bucketMs);
    if (b !== bucket) {
      emit();
      bucket = b;
      n = 0;
      userSum = 0;
      systemSum = 0;
    }
    n++;
    userSum += ring.userAt(k, col);
    systemSum += ring.systemAt(k, col);
    lastT = t;
  }
  emit();
  // A window one bucket wider than `windowMs` can straddle maxPoints + 1 buckets.
  return points.length > maxPoints ? points.slice(points.length - maxPoints) : points;
}

/** Index of the first sample with time ≥ `t` (binary search: ring times are ascending). */
function firstAtOrAfter(ring: SampleRing, t: number): number {
  let lo = 0;
  let hi = ring.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ring.timeAt(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
